import { ConfigurationError } from '../errors/clientErrors';

/**
 * Options of {@link LakeFS.s3ClientConfig}.
 * @group Client
 */
export interface S3ClientConfigOptions {
  /**
   * The region to sign for; lakeFS accepts any, so it only needs to match what other tools use.
   * @default 'us-east-1'
   */
  readonly region?: string;
}

/**
 * What `new S3Client(…)` from `@aws-sdk/client-s3` needs to talk to lakeFS's S3 gateway (structurally
 * typed: this package does not depend on the AWS SDK). Buckets are repositories, keys are `<ref>/<path>`.
 * @group Client
 */
export interface S3ClientConfig {
  /** The server's root URL (the gateway shares the API's port, outside `/api/v1`). */
  readonly endpoint: string;
  readonly region: string;
  /** lakeFS's gateway is addressed path-style: `/<repository>/<ref>/<path>`. */
  readonly forcePathStyle: true;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * Builds the S3 client configuration for a lakeFS API endpoint and key pair.
 * @param apiEndpoint - the client's API root (`…/api/v1`)
 * @param keyPair - the key pair, or undefined when the client has none
 * @param options - the region
 * @returns the configuration
 * @throws ConfigurationError when there is no key pair (the gateway signs with AWS SigV4, never tokens)
 */
export function s3ClientConfig(
  apiEndpoint: string,
  keyPair: { access_key_id: string; secret_access_key: string } | undefined,
  options: S3ClientConfigOptions = {},
): S3ClientConfig {
  if (!keyPair)
    throw new ConfigurationError(
      'the S3 gateway needs an access key id and secret access key (SigV4); this client has none',
    );
  return {
    endpoint: apiEndpoint.replace(/\/api\/v1$/, ''),
    region: options.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: keyPair.access_key_id, secretAccessKey: keyPair.secret_access_key },
  };
}
