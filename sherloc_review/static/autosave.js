// The answer form: show the follow-ups the closed answer asks for, and save
// on its own a few seconds after the last change, one save at a time.  The
// server refuses a save based on an older revision: then the form is sent
// as if Save were pressed, and the page that comes back shows the other
// writer's text beside this one's, which stays in the form.
(function () {
  "use strict";
  var box = document.querySelector("[data-follow-ups]");
  var form = box && box.querySelector("form");
  var status = document.getElementById("autosave");
  if (!form || !status) { return; }
  var when = JSON.parse(box.getAttribute("data-follow-ups") || "{}");
  var timer = null;
  var stopped = false;
  var saving = false;
  var again = false;
  var waiting = null;  // a form sent while a save was on its way

  function closed() {
    var chosen = form.querySelector("input[type=radio]:checked");
    return chosen ? chosen.value : "";
  }

  function showFollowUps() {
    Object.keys(when).forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      var item = field && field.closest(".form-group, .field, div");
      if (!item) { return; }
      var asked = when[name].indexOf(closed()) !== -1 || field.value.trim() !== "";
      item.hidden = !asked;
    });
  }

  function say(text, kind) {
    status.textContent = text;
    status.className = kind || "";
  }

  function revisionIs(value) {
    // Every form of the page (answer, attach, copy) is based on it.
    document.querySelectorAll("input[name=revision]").forEach(function (field) {
      field.value = value;
    });
  }

  function conflict() {
    stopped = true;
    say(status.getAttribute("data-conflict-text"), "error");
    var button = form.querySelector("button[name=save]");
    if (button) { button.click(); } else { form.submit(); }
  }

  function save() {
    if (stopped) { return; }
    if (saving) { again = true; return; }
    saving = true;
    var body = new FormData(form);
    body.append("save", "save");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return [response.status, data]; });
    }).then(function (result) {
      saving = false;
      if (result[0] === 200) {
        revisionIs(result[1].revision);
        say(status.getAttribute("data-saved-text") + " " + result[1].saved, "saved");
        if (waiting) { send(waiting); } else if (again) { again = false; save(); }
      } else if (result[0] === 409) {
        conflict();
      } else {
        again = false;
        say(status.getAttribute("data-failed-text"), "error");
        if (waiting) { send(waiting); }
      }
    }).catch(function () {
      saving = false;
      again = false;
      say(status.getAttribute("data-failed-text"), "error");
      if (waiting) { send(waiting); }
    });
  }

  function send(target) {
    // Sent once the save on its way is answered, with the revision it made.
    waiting = null;
    stopped = true;
    if (target === form) {
      var button = form.querySelector("button[name=save]");
      if (button) { button.click(); return; }
    }
    target.submit();
  }

  form.addEventListener("input", function () {
    showFollowUps();
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 3000);
  });
  form.addEventListener("change", showFollowUps);
  // Save, attach and copy wait for an autosave on its way: sent at once,
  // they would be based on the revision it is about to replace.
  document.querySelectorAll("form").forEach(function (each) {
    if (!each.querySelector("input[name=revision]")) { return; }
    each.addEventListener("submit", function (event) {
      if (timer) { clearTimeout(timer); }
      if (saving && waiting === null) {
        event.preventDefault();
        waiting = each;
        return;
      }
      stopped = true;
    });
  });
  showFollowUps();
}());
