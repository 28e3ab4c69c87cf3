function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Holds the secrets that authenticate requests. They live in private fields, so they never show in
 * `JSON.stringify`, `util.inspect`, `toString` or error messages.
 * @group Client
 */
export class Credentials {
  readonly #accessKeyId: string | undefined;
  readonly #secretAccessKey: string | undefined;
  #token: string | undefined;
  #basic: string | undefined;

  constructor(accessKeyId?: string, secretAccessKey?: string, token?: string) {
    this.#accessKeyId = accessKeyId;
    this.#secretAccessKey = secretAccessKey;
    this.#token = token;
  }

  /** The access key id (not a secret, but kept private alongside the secret). */
  get accessKeyId(): string | undefined {
    return this.#accessKeyId;
  }

  /** Whether a key pair is present (needed for `login()`). */
  get hasKeyPair(): boolean {
    return !!this.#accessKeyId && !!this.#secretAccessKey;
  }

  /** The key pair, for the login body only. */
  keyPair(): { access_key_id: string; secret_access_key: string } | undefined {
    if (!this.#accessKeyId || !this.#secretAccessKey) return undefined;
    return { access_key_id: this.#accessKeyId, secret_access_key: this.#secretAccessKey };
  }

  /** Replaces (or clears) the bearer token. */
  setToken(token: string | undefined): void {
    this.#token = token;
  }

  /** Whether a bearer token is in use. */
  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** The `Authorization` header value: bearer when a token is set, else basic, else none. */
  authorization(): string | undefined {
    if (this.#token) return `Bearer ${this.#token}`;
    if (this.#accessKeyId && this.#secretAccessKey)
      // encoded once: the key pair never changes, and this runs on every request
      return (this.#basic ??= `Basic ${base64(`${this.#accessKeyId}:${this.#secretAccessKey}`)}`);
    return undefined;
  }

  /**
   * Every secret string, so that messages can be scrubbed of them: the secret key, the token, and the
   * Basic header's base64 value (which carries the secret too), longest first.
   */
  secrets(): string[] {
    const basic =
      this.#accessKeyId && this.#secretAccessKey
        ? base64(`${this.#accessKeyId}:${this.#secretAccessKey}`)
        : undefined;
    return [basic, this.#secretAccessKey, this.#token].filter((s): s is string => !!s);
  }

  /** Serializes as a redacted marker, never the secrets. */
  toJSON(): Record<string, string> {
    return { credentials: '[redacted]' };
  }

  /** A redacted marker, never the secrets. */
  toString(): string {
    return '[Credentials redacted]';
  }
}
