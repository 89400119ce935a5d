"""The database opener, the transaction helper and the BTree folder."""

from __future__ import annotations

import pytest
from ZODB.blob import Blob
from ZODB.utils import z64

from sherloc_portal.resources.folder import Folder, FolderKeyError, Resource
from sherloc_portal.zodb import open_database, run_in_transaction


@pytest.fixture
def file_db(tmp_path):
    db = open_database(
        f"file://{tmp_path / 'Data.fs'}?blobstorage_dir={tmp_path / 'blobs'}"
    )
    yield db
    db.close()


def test_file_uri_creates_the_storage_and_its_blob_directory(file_db, tmp_path):
    assert (tmp_path / "Data.fs").exists()
    assert (tmp_path / "blobs").is_dir()

    def store_blob(root):
        root["file"] = blob = Blob()
        with blob.open("w") as f:
            f.write(b"payload")

    run_in_transaction(file_db, store_blob)

    def read_blob(root):
        with root["file"].open("r") as f:
            return f.read()

    assert run_in_transaction(file_db, read_blob) == b"payload"


def test_run_in_transaction_commits_and_returns(file_db):
    def write(root):
        root["answer"] = 42
        return "done"

    assert run_in_transaction(file_db, write, note="write the answer") == "done"
    assert run_in_transaction(file_db, lambda root: root["answer"]) == 42
    last = file_db.history(z64, size=1)
    assert last[0]["description"] == "write the answer"


def test_run_in_transaction_aborts_when_the_function_fails(file_db):
    def fail_after_writing(root):
        root["half"] = "written"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        run_in_transaction(file_db, fail_after_writing)
    assert run_in_transaction(file_db, lambda root: "half" in root) is False


def _item() -> Resource:
    return Resource()


def test_folder_add_sets_location_and_counts():
    folder = Folder()
    item = folder.add("one", _item())
    folder["two"] = _item()
    assert (item.__name__, item.__parent__) == ("one", folder)
    assert len(folder) == 2
    assert list(folder) == ["one", "two"]
    assert "one" in folder
    assert folder.get("three") is None
    assert folder["two"].__name__ == "two"


def test_folder_refuses_a_taken_name_unless_replacing():
    folder = Folder()
    folder.add("one", _item())
    with pytest.raises(FolderKeyError):
        folder.add("one", _item())
    replacement = folder.add("one", _item(), replace=True)
    assert folder["one"] is replacement
    assert len(folder) == 1


def test_folder_remove():
    folder = Folder()
    item = folder.add("one", _item())
    assert folder.remove("one") is item
    assert len(folder) == 0
    with pytest.raises(KeyError):
        folder.remove("one")
    folder.add("two", _item())
    del folder["two"]
    assert len(folder) == 0


def test_folder_pages_in_key_order():
    folder = Folder()
    for i in range(7):
        folder.add(f"item{i}", _item())
    assert [o.__name__ for o in folder.page(0, 3)] == ["item0", "item1", "item2"]
    assert [o.__name__ for o in folder.page(6, 3)] == ["item6"]
    assert folder.page(10, 3) == []


@pytest.mark.parametrize(
    "name",
    ["", ".hidden", "-dash", "a/b", "../up", "with space", "x" * 129, "é", None, 3],
)
def test_folder_rejects_malformed_names(name):
    folder = Folder()
    with pytest.raises(FolderKeyError):
        folder.add(name, _item())
    assert len(folder) == 0


@pytest.mark.parametrize("name", ["a", "FRA", "focal-fra", "user@example.org", "v1.2"])
def test_folder_accepts_plain_names(name):
    assert Folder().add(name, _item()).__name__ == name


def test_resource_records_its_schema_version():
    class Versioned(Resource):
        schema_version = 3

    assert Versioned().__dict__["schema_version"] == 3
