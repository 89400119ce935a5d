// A thread's page: mark the messages shown as read once the page is shown.
// Showing a page never writes (a GET); this sends the page's own "Mark as
// read" form, with its CSRF token, as the reader would by pressing it.
(function () {
  "use strict";
  var form = document.getElementById("mark-read-form");
  if (!form || !window.fetch || !window.FormData) { return; }

  function send() {
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { return null; }
      return response.json();
    }).then(function (data) {
      if (!data) { return; }
      form.hidden = true;
      var unread = document.getElementById("unread");
      if (unread) {
        unread.textContent = data.unread;
        unread.setAttribute("data-unread", data.unread);
      }
    }).catch(function () {
      // The button stays: the reader can still mark the page read.
    });
  }

  if (document.visibilityState === "hidden") {
    // Opened in a background tab: read only once it is looked at.
    document.addEventListener("visibilitychange", function shown() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", shown);
        send();
      }
    });
  } else {
    send();
  }
}());
