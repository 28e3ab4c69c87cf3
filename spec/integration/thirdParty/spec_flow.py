"""lakefs-spec (the fsspec filesystem pandas, polars, DuckDB use) reading and writing lakefs:// paths with
pandas, run by pythonClients.spec.ts. Prints one line per step; exits non-zero on a failed expectation."""
import os
import sys

import pandas as pd
import lakefs
from lakefs.client import Client
from lakefs_spec import LakeFSFileSystem

REPO_ID = os.environ["FLOW_REPO"]
options = {
    "host": os.environ["FLOW_ENDPOINT"],
    "username": os.environ["FLOW_ACCESS_KEY_ID"],
    "password": os.environ["FLOW_SECRET_ACCESS_KEY"],
}


def step(name):
    print(f"step: {name}", flush=True)


def expect(condition, what):
    if not condition:
        print(f"FAILED: {what}", flush=True)
        sys.exit(1)


client = Client(**options)
repo = lakefs.Repository(REPO_ID, client=client).create(storage_namespace=f"local://{REPO_ID}")
fs = LakeFSFileSystem(**options)

step("pandas writes csv and parquet")
lakes = pd.DataFrame({"name": ["Baikal", "Superior", "Victoria"], "area_km2": [31722, 82100, 59947]})
lakes.to_csv(f"lakefs://{REPO_ID}/main/lakes.csv", index=False, storage_options=options)
lakes.to_parquet(f"lakefs://{REPO_ID}/main/lakes.parquet", storage_options=options)

step("pandas reads them back")
expect(pd.read_csv(f"lakefs://{REPO_ID}/main/lakes.csv", storage_options=options).equals(lakes), "csv")
expect(pd.read_parquet(f"lakefs://{REPO_ID}/main/lakes.parquet", storage_options=options).equals(lakes),
       "parquet")

repo.branch("main").commit(message="add lakes")

step("filesystem operations")
expect(sorted(fs.ls(f"{REPO_ID}/main/", detail=False)) == [f"{REPO_ID}/main/lakes.csv",
                                                            f"{REPO_ID}/main/lakes.parquet"], "ls")
expect(fs.info(f"{REPO_ID}/main/lakes.csv")["size"] > 0, "info")
expect(fs.exists(f"{REPO_ID}/main/lakes.csv") and not fs.exists(f"{REPO_ID}/main/none.csv"), "exists")

step("a transaction commits on an ephemeral branch and merges back")
with fs.transaction(REPO_ID, "main") as tx:
    big = lakes[lakes.area_km2 > 50000]
    big.to_csv(f"lakefs://{REPO_ID}/{tx.branch.id}/big.csv", index=False, storage_options=options)
    tx.commit(message="add big lakes")
expect(pd.read_csv(f"lakefs://{REPO_ID}/main/big.csv", storage_options=options).equals(big.reset_index(drop=True)),
       "transaction result on main")
expect(repo.branch("main").get_commit().message.startswith("Merge") or
       any(c.message == "add big lakes" for c in repo.branch("main").log(max_amount=5)), "commit in history")

step("read at an older ref")
first = list(repo.branch("main").log())[-1].id
expect(not fs.exists(f"{REPO_ID}/{first}/lakes.csv"), "initial commit is empty")

step("rm")
fs.rm(f"{REPO_ID}/main/lakes.csv")
expect(not fs.exists(f"{REPO_ID}/main/lakes.csv"), "removed")

step("sample data: the layout clients count on, and pandas reads its lakes.parquet")
samples = lakefs.Repository(f"{REPO_ID}-samples", client=client).create(
    storage_namespace=f"local://{REPO_ID}-samples", include_samples=True)
root = f"{samples.id}/main"
expect(sorted(fs.ls(f"{root}/", detail=False)) == [f"{root}/README.md", f"{root}/data/", f"{root}/images/",
                                                     f"{root}/lakes.parquet"], "sample root")
expect(len(fs.ls(f"{root}/data/", detail=False)) == 1, "one file in data/")
expect(len(fs.glob(f"{root}/images/*.png")) >= 1, "png images")
expect(fs.size(f"{root}/lakes.parquet") >= 2**19, "lakes.parquet is at least 512 KiB")
expect(fs.du(f"{root}/") > 2**20, "more than 1 MiB")
sample_lakes = pd.read_parquet(f"lakefs://{root}/lakes.parquet", storage_options=options)
expect(len(sample_lakes.index) > 0 and len(sample_lakes.columns) > 1, "lakes.parquet is a table")
samples.delete()

repo.delete()
print("flow: ok", flush=True)
