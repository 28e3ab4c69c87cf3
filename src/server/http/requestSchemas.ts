// Generated from lakeFS's OpenAPI spec (reference/lakefs-swagger.yml) by
// spec/unit/server/http/requestSchemas.spec.ts — run it with UPDATE_REQUEST_SCHEMAS=1 to refresh.
// Only what lakeFS's request validator checks in a JSON body (types, required, enums, patterns, bounds),
// so that validateBody answers with the validator's own words.

/** The checks of one schema; `ref` names another entry. */
export interface SchemaRule {
  readonly ref?: string;
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  readonly nullable?: true;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: SchemaRule;
  readonly properties?: Readonly<Record<string, SchemaRule>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaRule | false;
}

/** The request-body schemas of the lakeFS API (and those they refer to), by component name. */
// prettier-ignore
export const REQUEST_SCHEMAS: Readonly<Record<string, SchemaRule>> = {
  ACL: {"type":"object","properties":{"permission":{"type":"string"}},"required":["permission"]},
  AbortPresignMultipartUpload: {"type":"object","properties":{"physical_address":{"type":"string"}},"required":["physical_address"]},
  AccessKeyCredentials: {"type":"object","properties":{"access_key_id":{"type":"string","minLength":1},"secret_access_key":{"type":"string","minLength":1}},"required":["access_key_id","secret_access_key"]},
  BranchCreation: {"type":"object","properties":{"force":{"type":"boolean"},"hidden":{"type":"boolean"},"name":{"type":"string"},"source":{"type":"string"}},"required":["name","source"]},
  BranchProtectionRule: {"type":"object","properties":{"pattern":{"type":"string","minLength":1}},"required":["pattern"]},
  CherryPickCreation: {"type":"object","properties":{"commit_overrides":{"ref":"CommitOverrides"},"force":{"type":"boolean"},"parent_number":{"type":"integer"},"ref":{"type":"string"}},"required":["ref"]},
  CommPrefsInput: {"type":"object","properties":{"companyName":{"type":"string"},"email":{"type":"string"},"featureUpdates":{"type":"boolean"},"firstName":{"type":"string"},"lastName":{"type":"string"},"securityUpdates":{"type":"boolean"}},"required":["featureUpdates","securityUpdates"]},
  CommitCreation: {"type":"object","properties":{"allow_empty":{"type":"boolean"},"date":{"type":"integer"},"force":{"type":"boolean"},"message":{"type":"string"},"metadata":{"type":"object","additionalProperties":{"type":"string"}}},"required":["message"]},
  CommitOverrides: {"type":"object","properties":{"message":{"type":"string"},"metadata":{"type":"object","additionalProperties":{"type":"string"}}}},
  CommitRecordCreation: {"type":"object","properties":{"commit_id":{"type":"string"},"committer":{"type":"string"},"creation_date":{"type":"integer"},"force":{"type":"boolean"},"generation":{"type":"integer"},"message":{"type":"string"},"metadata":{"type":"object","additionalProperties":{"type":"string"}},"metarange_id":{"type":"string"},"parents":{"type":"array","items":{"type":"string"}},"version":{"type":"integer","minimum":0,"maximum":1}},"required":["commit_id","version","committer","message","metarange_id","creation_date","parents","generation"]},
  CompletePresignMultipartUpload: {"type":"object","properties":{"content_type":{"type":"string"},"parts":{"type":"array","items":{"ref":"UploadPart"}},"physical_address":{"type":"string"},"user_metadata":{"type":"object","additionalProperties":{"type":"string"}}},"required":["physical_address","parts"]},
  ExternalLoginInformation: {"type":"object","properties":{"identityRequest":{"type":"object"},"token_expiration_duration":{"type":"integer"}},"required":["identityRequest"]},
  ExternalPrincipalCreation: {"type":"object","properties":{"settings":{"type":"object","items":{"ref":"ExternalPrincipalSettings"}}}},
  ExternalPrincipalSettings: {"type":"object","additionalProperties":{"type":"string"}},
  GarbageCollectionRule: {"type":"object","properties":{"branch_id":{"type":"string"},"retention_days":{"type":"integer"}},"required":["branch_id","retention_days"]},
  GarbageCollectionRules: {"type":"object","properties":{"branches":{"type":"array","items":{"ref":"GarbageCollectionRule"}},"default_retention_days":{"type":"integer"}},"required":["default_retention_days","branches"]},
  GroupCreation: {"type":"object","properties":{"description":{"type":"string"},"id":{"type":"string"}},"required":["id"]},
  ImportCreation: {"type":"object","properties":{"commit":{"ref":"CommitCreation"},"force":{"type":"boolean"},"paths":{"type":"array","items":{"ref":"ImportLocation"}}},"required":["paths","commit"]},
  ImportLocation: {"type":"object","properties":{"destination":{"type":"string"},"path":{"type":"string"},"type":{"type":"string","enum":["common_prefix","object"]}},"required":["type","path","destination"]},
  LoginInformation: {"type":"object","properties":{"access_key_id":{"type":"string"},"secret_access_key":{"type":"string"}},"required":["access_key_id","secret_access_key"]},
  Merge: {"type":"object","properties":{"allow_empty":{"type":"boolean"},"force":{"type":"boolean"},"message":{"type":"string"},"metadata":{"type":"object","additionalProperties":{"type":"string"}},"squash_merge":{"type":"boolean"},"strategy":{"type":"string"}}},
  ObjectCopyCreation: {"type":"object","properties":{"force":{"type":"boolean"},"shallow":{"type":"boolean"},"src_path":{"type":"string"},"src_ref":{"type":"string"}},"required":["src_path"]},
  ObjectStageCreation: {"type":"object","properties":{"checksum":{"type":"string"},"content_type":{"type":"string"},"force":{"type":"boolean"},"metadata":{"ref":"ObjectUserMetadata"},"mtime":{"type":"integer"},"physical_address":{"type":"string"},"size_bytes":{"type":"integer"}},"required":["physical_address","checksum","size_bytes"]},
  ObjectUserMetadata: {"type":"object","additionalProperties":{"type":"string"}},
  PathList: {"type":"object","properties":{"paths":{"type":"array","items":{"type":"string"}}},"required":["paths"]},
  Policy: {"type":"object","properties":{"creation_date":{"type":"integer"},"id":{"type":"string"},"statement":{"type":"array","minItems":1,"items":{"ref":"Statement"}}},"required":["id","statement"]},
  PolicyCondition: {"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}},
  PrepareGCUncommittedRequest: {"type":"object","properties":{"continuation_token":{"type":"string"}}},
  PullRequestBasic: {"type":"object","properties":{"description":{"type":"string"},"status":{"type":"string","enum":["open","closed","merged"]},"title":{"type":"string"}}},
  PullRequestCreation: {"type":"object","properties":{"description":{"type":"string"},"destination_branch":{"type":"string"},"source_branch":{"type":"string"},"title":{"type":"string"}},"required":["title","source_branch","destination_branch"]},
  RefsRestore: {"type":"object","properties":{"branches_meta_range_id":{"type":"string"},"commits_meta_range_id":{"type":"string"},"force":{"type":"boolean"},"tags_meta_range_id":{"type":"string"}},"required":["branches_meta_range_id","tags_meta_range_id","commits_meta_range_id"]},
  RepositoryCreation: {"type":"object","properties":{"default_branch":{"type":"string"},"name":{"type":"string","pattern":"^[a-z0-9][a-z0-9-]{2,62}$"},"read_only":{"type":"boolean"},"sample_data":{"type":"boolean"},"storage_id":{"type":"string"},"storage_namespace":{"type":"string","pattern":"^(s3|gs|https?|mem|local|transient)://.*$"}},"required":["name","storage_namespace"]},
  RepositoryMetadataKeys: {"type":"object","properties":{"keys":{"type":"array","items":{"type":"string"}}},"required":["keys"]},
  RepositoryMetadataSet: {"type":"object","properties":{"metadata":{"type":"object","additionalProperties":{"type":"string"}}},"required":["metadata"]},
  ResetCreation: {"type":"object","properties":{"force":{"type":"boolean"},"path":{"type":"string"},"type":{"type":"string","enum":["object","common_prefix","reset"]}},"required":["type"]},
  RevertCreation: {"type":"object","properties":{"allow_empty":{"type":"boolean"},"commit_overrides":{"ref":"CommitOverrides"},"force":{"type":"boolean"},"parent_number":{"type":"integer"},"ref":{"type":"string"}},"required":["parent_number","ref"]},
  Setup: {"type":"object","properties":{"companyName":{"type":"string"},"email":{"type":"string"},"featureUpdates":{"type":"boolean"},"firstName":{"type":"string"},"key":{"ref":"AccessKeyCredentials"},"lastName":{"type":"string"},"securityUpdates":{"type":"boolean"},"username":{"type":"string"}},"required":["username"]},
  StagingLocation: {"type":"object","properties":{"physical_address":{"type":"string"},"presigned_url":{"type":"string","nullable":true},"presigned_url_expiry":{"type":"integer"}}},
  StagingMetadata: {"type":"object","properties":{"checksum":{"type":"string"},"content_type":{"type":"string"},"force":{"type":"boolean"},"mtime":{"type":"integer"},"size_bytes":{"type":"integer"},"staging":{"ref":"StagingLocation"},"user_metadata":{"type":"object","additionalProperties":{"type":"string"}}},"required":["staging","checksum","size_bytes"]},
  Statement: {"type":"object","properties":{"action":{"type":"array","minItems":1,"items":{"type":"string"}},"condition":{"type":"object","additionalProperties":{"ref":"PolicyCondition"}},"effect":{"type":"string","enum":["allow","deny"]},"resource":{"type":"string"}},"required":["effect","resource","action"]},
  StatsEvent: {"type":"object","properties":{"class":{"type":"string"},"count":{"type":"integer"},"name":{"type":"string"}},"required":["class","name","count"]},
  StatsEventsList: {"type":"object","properties":{"events":{"type":"array","items":{"ref":"StatsEvent"}}},"required":["events"]},
  StsAuthRequest: {"type":"object","properties":{"code":{"type":"string"},"redirect_uri":{"type":"string"},"state":{"type":"string"},"ttl_seconds":{"type":"integer"}},"required":["code","state","redirect_uri"]},
  TagCreation: {"type":"object","properties":{"force":{"type":"boolean"},"id":{"type":"string"},"ref":{"type":"string"}},"required":["id","ref"]},
  UpdateObjectUserMetadata: {"type":"object","properties":{"set":{"ref":"ObjectUserMetadata"}},"required":["set"]},
  UploadPart: {"type":"object","properties":{"etag":{"type":"string"},"part_number":{"type":"integer"}},"required":["part_number","etag"]},
  UploadPartCopyFrom: {},
  UploadPartFrom: {"type":"object","properties":{"physical_address":{"type":"string"}},"required":["physical_address"]},
  UserCreation: {"type":"object","properties":{"id":{"type":"string"},"invite_user":{"type":"boolean"}},"required":["id"]},
};
