import { createHash, randomBytes } from 'node:crypto';

interface Grant {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

interface CodeGrant extends Grant {
  clientId: string;
  redirectUri: string;
  /** PKCE (RFC 7636), S256 only, as Discord: the exchange must bring the verifier. */
  codeChallenge?: string;
}

/** Why a code exchange failed, in Discord's words. */
export type RedeemRefusal = { error: 'invalid_grant' | 'invalid_request'; description: string };

export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

const CODE_LIFETIME_MS = 10 * 60_000;
/** Discord's access tokens last 7 days. */
const TOKEN_LIFETIME_S = 604_800;

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Authorization codes, access and refresh tokens of the simulated OAuth2 provider. */
export class OAuthStore {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Omit<Grant, 'expiresAt'>>();

  issueCode(grant: Omit<CodeGrant, 'expiresAt'>): string {
    const code = secret(20);
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Codes are single-use: a second exchange fails like Discord's invalid_grant. */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string | undefined,
    codeVerifier?: string,
  ): CodeGrant | RedeemRefusal {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    const invalid: RedeemRefusal = { error: 'invalid_grant', description: 'Invalid "code" in request.' };
    if (!grant || grant.expiresAt < Date.now() || grant.clientId !== clientId) return invalid;
    if (grant.redirectUri && grant.redirectUri !== redirectUri) return invalid;
    if (grant.codeChallenge) {
      if (!codeVerifier) return { error: 'invalid_request', description: 'Missing "code_verifier"' };
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeVerifier))
        return { error: 'invalid_request', description: 'Invalid "code_verifier"' };
      if (createHash('sha256').update(codeVerifier).digest('base64url') !== grant.codeChallenge)
        return invalid;
    }
    return grant;
  }

  issueTokens(userId: string, scopes: string[]): TokenSet {
    const accessToken = secret(24);
    const refreshToken = secret(24);
    this.access.set(accessToken, { userId, scopes, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
    this.refresh.set(refreshToken, { userId, scopes });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
    };
  }

  useRefreshToken(token: string): TokenSet | null {
    const grant = this.refresh.get(token);
    if (!grant) return null;
    this.refresh.delete(token);
    return this.issueTokens(grant.userId, grant.scopes);
  }

  bearer(token: string): Grant | null {
    const grant = this.access.get(token);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  revoke(token: string): void {
    this.access.delete(token);
    this.refresh.delete(token);
  }
}
