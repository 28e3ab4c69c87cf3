import type { PresignedUrl } from './presignedUrl';

/**
 * An `ObjectStats` body whose `physical_address` is a presigned URL, with its expiry (Unix seconds), as
 * lakeFS answers `stat` and `ls` with `presign=true`.
 * @param json - the stats body
 * @param presigned - the signed read URL
 * @returns a copy of `json` with the URL and `physical_address_expiry`
 */
export const withPresignedAddress = <T extends { readonly physical_address: string }>(
  json: T,
  presigned: PresignedUrl,
): T & { readonly physical_address_expiry: number } => ({
  ...json,
  physical_address: presigned.url,
  physical_address_expiry: presigned.expiresAt,
});
