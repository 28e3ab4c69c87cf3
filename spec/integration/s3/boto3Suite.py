"""Drives lakeFS's S3 gateway with boto3, as a Python user would. Prints one JSON line per check.

Environment: S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_BUCKET (a repository with branches
`main` and `dev`). Exits non-zero on the first failed check.
"""
import hashlib
import io
import json
import os
import sys
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["S3_ENDPOINT"]
BUCKET = os.environ["S3_BUCKET"]
MiB = 1024 * 1024


def client(secret=None, key=None):
    return boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=key or os.environ["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=secret or os.environ["S3_SECRET_ACCESS_KEY"],
        # SigV4 for presigned URLs too (botocore presigns with SigV2 otherwise, which only lakeFS accepts)
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


s3 = client()


def check(name, actual, expected):
    ok = actual == expected
    print(json.dumps({"check": name, "ok": ok, "actual": actual if not ok else None}), flush=True)
    if not ok:
        print(f"{name}: expected {expected!r}, got {actual!r}", file=sys.stderr)
        sys.exit(1)


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return "no error"


check("list_buckets", BUCKET in [b["Name"] for b in s3.list_buckets()["Buckets"]], True)
check("head_bucket", s3.head_bucket(Bucket=BUCKET)["ResponseMetadata"]["HTTPStatusCode"], 200)
check("no_such_bucket", error_code(lambda: s3.list_objects_v2(Bucket=BUCKET + "-none", Prefix="main/")), "NoSuchBucket")

body = b"id,name\n1,boto\n"
put = s3.put_object(Bucket=BUCKET, Key="main/py/data.csv", Body=body, ContentType="text/csv", Metadata={"source": "boto3"})
check("put_etag", put["ETag"], '"%s"' % hashlib.md5(body).hexdigest())
head = s3.head_object(Bucket=BUCKET, Key="main/py/data.csv")
check("head", [head["ContentLength"], head["ContentType"], head["Metadata"]], [len(body), "text/csv", {"Source": "boto3"}])  # lakeFS answers X-Amz-Meta-Source
ranged = s3.get_object(Bucket=BUCKET, Key="main/py/data.csv", Range="bytes=3-6")
check("get_range", [ranged["Body"].read(), ranged["ContentRange"]], [b"name", "bytes 3-6/%d" % len(body)])
check("no_such_key", error_code(lambda: s3.get_object(Bucket=BUCKET, Key="main/py/absent")), "NoSuchKey")
check("invalid_range", error_code(lambda: s3.get_object(Bucket=BUCKET, Key="main/py/data.csv", Range="bytes=999-")), "InvalidRange")

for i in range(5):
    s3.put_object(Bucket=BUCKET, Key=f"main/py/list/{i}", Body=str(i).encode())
pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="main/py/list/", PaginationConfig={"PageSize": 2}))
check("list_v2_pages", [len(pages), [o["Key"] for p in pages for o in p.get("Contents", [])]], [3, [f"main/py/list/{i}" for i in range(5)]])
pages_v1 = list(s3.get_paginator("list_objects").paginate(Bucket=BUCKET, Prefix="main/py/list/", PaginationConfig={"PageSize": 2}))
check("list_v1_pages", [o["Key"] for p in pages_v1 for o in p.get("Contents", [])], [f"main/py/list/{i}" for i in range(5)])
grouped = s3.list_objects_v2(Bucket=BUCKET, Prefix="main/py/", Delimiter="/")
check("list_delimiter", [[p["Prefix"] for p in grouped["CommonPrefixes"]], [o["Key"] for o in grouped["Contents"]]], [["main/py/list/"], ["main/py/data.csv"]])

s3.copy_object(Bucket=BUCKET, Key="dev/py/copied.csv", CopySource={"Bucket": BUCKET, "Key": "main/py/data.csv"})
check("copy_across_branches", s3.get_object(Bucket=BUCKET, Key="dev/py/copied.csv")["Body"].read(), body)

s3.delete_object(Bucket=BUCKET, Key="main/py/list/0")
deleted = s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "main/py/list/1"}, {"Key": "main/py/list/2"}]})
check("delete_objects", sorted(d["Key"] for d in deleted["Deleted"]), ["main/py/list/1", "main/py/list/2"])

big = os.urandom(20 * MiB)
s3.upload_fileobj(io.BytesIO(big), BUCKET, "main/py/big.bin", Config=TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB, max_concurrency=4))
check("multipart_upload", [s3.head_object(Bucket=BUCKET, Key="main/py/big.bin")["ContentLength"], hashlib.md5(s3.get_object(Bucket=BUCKET, Key="main/py/big.bin")["Body"].read()).hexdigest()], [len(big), hashlib.md5(big).hexdigest()])

mpu = s3.create_multipart_upload(Bucket=BUCKET, Key="main/py/aborted")
s3.upload_part(Bucket=BUCKET, Key="main/py/aborted", UploadId=mpu["UploadId"], PartNumber=1, Body=b"x")
check("abort_multipart", s3.abort_multipart_upload(Bucket=BUCKET, Key="main/py/aborted", UploadId=mpu["UploadId"])["ResponseMetadata"]["HTTPStatusCode"], 204)

url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "main/py/data.csv"}, ExpiresIn=300)
check("presigned_get", urllib.request.urlopen(url).read(), body)

check("wrong_secret", error_code(lambda: client(secret="wrong").list_buckets()), "SignatureDoesNotMatch")
check("unknown_key", error_code(lambda: client(key="AKIANOSUCHKEY", secret="x").list_buckets()), "AccessDenied")
