"""A flow of our own through the lakeFS Python SDK (`lakefs` high-level + `lakefs_sdk`), run by
pythonClients.spec.ts against the local server (or a real lakeFS). Prints one line per step; exits non-zero
on the first failed expectation."""
import os
import sys
from datetime import datetime, timedelta, timezone

import lakefs
import lakefs_sdk
from lakefs.client import Client
from lakefs.exceptions import BadRequestException, ConflictException, NotFoundException

REPO_ID = os.environ["FLOW_REPO"]
IMPORT_DIR = os.environ.get("FLOW_IMPORT_DIR", "")  # empty: the target cannot import from here
client = Client(
    host=os.environ["FLOW_ENDPOINT"],
    username=os.environ["FLOW_ACCESS_KEY_ID"],
    password=os.environ["FLOW_SECRET_ACCESS_KEY"],
)


def step(name):
    print(f"step: {name}", flush=True)


def expect(condition, what):
    if not condition:
        print(f"FAILED: {what}", flush=True)
        sys.exit(1)


def raises(kind, fn):
    try:
        fn()
    except kind:
        return True
    return False


step("version")
expect(tuple(int(t) for t in client.version.split(".")) >= (1, 0, 0), f"numeric version, got {client.version}")

step("repository")
repo = lakefs.Repository(REPO_ID, client=client).create(
    storage_namespace=f"local://{REPO_ID}", default_branch="main", include_samples=False
)
expect(repo.properties.default_branch == "main", "default branch")
expect(any(r.id == REPO_ID for r in lakefs.repositories(client=client, prefix=REPO_ID)), "listed")
expect(raises(ConflictException, lambda: lakefs.Repository(REPO_ID, client=client).create(
    storage_namespace=f"local://{REPO_ID}-again")), "duplicate repository refused")
main = repo.branch("main")

step("writer and reader")
with main.object("data/a.txt").writer(mode="w", content_type="text/plain", metadata={"owner": "flow"}) as f:
    f.write("hello ")
    f.write("world")
main.object("data/b.csv").upload(data="x,y\n1,2\n", content_type="text/csv")
with main.object("data/a.txt").reader(mode="r") as r:
    expect(r.read() == "hello world", "text round trip")
with main.object("data/a.txt").reader() as r:
    r.seek(6)
    expect(r.read(5) == b"world", "seek and ranged read")
stat = main.object("data/a.txt").stat()
expect(stat.size_bytes == 11 and stat.metadata == {"owner": "flow"}, f"stat {stat}")
expect(main.object("data/a.txt").exists() and not main.object("nope").exists(), "exists")
expect(sorted(o.path for o in main.objects(prefix="data/")) == ["data/a.txt", "data/b.csv"], "listing")
expect(len(list(main.uncommitted())) == 2, "uncommitted")

step("commits")
c1 = main.commit(message="add a and b", metadata={"k": "v"}).get_commit()
expect(c1.message == "add a and b" and c1.metadata == {"k": "v"}, "commit fields")
expect(raises(BadRequestException, lambda: main.commit(message="nothing")), "empty commit refused")

step("branches")
dev = repo.branch("dev").create(source_reference="main")
expect(dev.get_commit().id == c1.id, "branch at source head")
expect(sorted(b.id for b in repo.branches()) == ["dev", "main"], "branch list")
expect(raises(NotFoundException, lambda: repo.branch("x").create(source_reference="missing")), "missing source")

step("diff and merge")
dev.object("data/a.txt").upload(data="changed")
dev.object("data/b.csv").delete()
dev.object("data/c.json").upload(data='{"c": 1}', content_type="application/json")
dev.commit(message="change a, drop b, add c")
changes = {(d.path, d.type) for d in main.diff(other_ref=dev)}
expect(changes == {("data/a.txt", "changed"), ("data/b.csv", "removed"), ("data/c.json", "added")},
       f"diff {changes}")
merge_id = dev.merge_into(main, message="merge dev")
expect(main.get_commit().id == merge_id and len(main.get_commit().parents) == 2, "merge commit")
expect(main.object("data/a.txt").reader().read() == b"changed", "merged content")
expect(raises(BadRequestException, lambda: dev.merge_into(main)), "nothing to merge")

step("log with filters")
messages = [c.message for c in main.log(max_amount=10)]
expect(messages[:3] == ["merge dev", "change a, drop b, add c", "add a and b"], f"log {messages}")
only_b = [c.message for c in main.log(objects=["data/b.csv"])]
expect("Repository created" not in only_b and "change a, drop b, add c" in only_b, f"objects filter {only_b}")
first_parent = [c.message for c in main.log(first_parent=True)]
expect("change a, drop b, add c" not in first_parent, f"first_parent {first_parent}")
# the SDK sends `since` as 2026-01-01T00:00:00.000000+0000; lakeFS takes RFC 3339 only (offset with a colon)
since = datetime.now(timezone.utc) - timedelta(hours=1)
expect(raises(BadRequestException, lambda: list(main.log(since=since))), "since without RFC 3339 offset refused")
expect(len(list(main.log(stop_at=c1.id))) >= 3, "stop_at filter")
expect(len(list(main.log(max_amount=1, limit=True))) == 1, "limit")

step("revert")
main.revert(reference=merge_id, parent_number=1)
expect(main.object("data/b.csv").exists() and not main.object("data/c.json").exists(), "revert applied")

step("cherry-pick")
dev.object("data/d.txt").upload(data="d")
picked_from = dev.commit(message="add d").get_commit()
picked = main.cherry_pick(reference=picked_from.id)
expect(picked.message == "add d" and picked.metadata.get("cherry-pick-origin") == picked_from.id, "picked")
expect(main.object("data/d.txt").reader().read() == b"d", "picked content")

step("tags")
tag = repo.tag("v1").create(c1.id)
expect(tag.get_commit().id == c1.id, "tag points at commit")
expect([t.id for t in repo.tags()] == ["v1"], "tag list")
expect(repo.tag("v1").object("data/b.csv").reader().read() == b"x,y\n1,2\n", "read at tag")
tag.delete()
expect(raises(NotFoundException, lambda: repo.tag("v1").get_commit()), "tag deleted")

step("reset")
main.object("scratch.txt").upload(data="scratch")
main.object("data/a.txt").delete()
main.reset_changes(path_type="object", path="scratch.txt")
expect(not main.object("scratch.txt").exists(), "object reset")
main.reset_changes()
expect(main.object("data/a.txt").exists() and len(list(main.uncommitted())) == 0, "full reset")
head = main.get_commit().id
experimental = client.sdk_client.experimental_api
experimental.hard_reset_branch(REPO_ID, "main", c1.id)
expect(main.get_commit().id == c1.id, "hard reset")
experimental.hard_reset_branch(REPO_ID, "main", head)

step("transaction")
with main.transact(commit_message="in a transaction") as tx:
    tx.object("tx/one.txt").upload(data="1")
    with tx.object("tx/two.txt").writer(mode="w") as f:
        f.write("2")
expect(main.object("tx/two.txt").reader(mode="r").read() == "2", "transaction merged")
expect(sorted(b.id for b in repo.branches()) == ["dev", "main"], "ephemeral branch gone")
before = main.get_commit().id
try:
    with main.transact(commit_message="fails") as tx:
        tx.object("tx/never.txt").upload(data="x")
        raise RuntimeError("abort")
except RuntimeError:
    pass
expect(main.get_commit().id == before and not main.object("tx/never.txt").exists(), "failed transaction")

if IMPORT_DIR:
    step("import from local://")
    status = main.import_data(commit_message="import files").prefix(
        f"local://{IMPORT_DIR}/", destination="imported/").run()
    expect(status.completed and status.ingested_objects == 2, f"import status {status}")
    expect(main.object("imported/one.txt").reader().read() == b"one", "imported content")
    expect(main.get_commit().message == "import files", "import commit")

step("generated sdk")
api = lakefs_sdk.ApiClient(lakefs_sdk.Configuration(
    host=os.environ["FLOW_ENDPOINT"] + "/api/v1",
    username=os.environ["FLOW_ACCESS_KEY_ID"],
    password=os.environ["FLOW_SECRET_ACCESS_KEY"]))
objects = lakefs_sdk.ObjectsApi(api)
stats = objects.stat_object(REPO_ID, "main", "data/a.txt", user_metadata=False, presign=False)
expect(stats.size_bytes == 11, f"generated stat {stats}")
config = lakefs_sdk.ConfigApi(api).get_config()
expect(config.storage_config.pre_sign_support is False, "no presign on local storage")
page = lakefs_sdk.RefsApi(api).log_commits(REPO_ID, "main", amount=1, limit=True)
expect(len(page.results) == 1, "generated log")

step("cleanup")
repo.delete()
print("flow: ok", flush=True)
