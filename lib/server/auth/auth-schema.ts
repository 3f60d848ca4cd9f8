import 'server-only';
// better-auth's models mapped onto our snake_case tables (created by db/migrations/20261125T1300-auth.ts).
// better-auth names fields in camelCase; every one is mapped here so the SQL stays in our style.

export const AUTH_USER_SCHEMA = {
  modelName: 'auth_user',
  fields: {
    emailVerified: 'email_verified',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
} as const;

export const AUTH_SESSION_SCHEMA = {
  modelName: 'auth_session',
  fields: {
    expiresAt: 'expires_at',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    ipAddress: 'ip_address',
    userAgent: 'user_agent',
    userId: 'user_id',
  },
} as const;

export const AUTH_ACCOUNT_SCHEMA = {
  modelName: 'auth_account',
  fields: {
    accountId: 'account_id',
    providerId: 'provider_id',
    userId: 'user_id',
    accessToken: 'access_token',
    refreshToken: 'refresh_token',
    idToken: 'id_token',
    accessTokenExpiresAt: 'access_token_expires_at',
    refreshTokenExpiresAt: 'refresh_token_expires_at',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
} as const;

export const AUTH_VERIFICATION_SCHEMA = {
  modelName: 'auth_verification',
  fields: {
    expiresAt: 'expires_at',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
} as const;

export const AUTH_RATE_LIMIT_SCHEMA = {
  modelName: 'auth_rate_limit',
  fields: { lastRequest: 'last_request' },
} as const;

export const TWO_FACTOR_SCHEMA = {
  user: { fields: { twoFactorEnabled: 'two_factor_enabled' } },
  twoFactor: {
    modelName: 'auth_two_factor',
    fields: {
      backupCodes: 'backup_codes',
      userId: 'user_id',
      failedVerificationCount: 'failed_verification_count',
      lockedUntil: 'locked_until',
    },
  },
} as const;
