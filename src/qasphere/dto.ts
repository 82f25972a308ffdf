// Shapes exactly as QA Sphere's public API sends them: ../shared/upstreams.md §3.

export type QaSphereRole = 'owner' | 'admin' | 'user' | 'test-runner' | 'viewer';
export type QaSphereAuthorizationType = 'password' | 'google';

/** One entry of `GET /api/public/v0/users` (admin keys only). */
export interface QaSphereUserDto {
  email: string;
  name: string;
  role: QaSphereRole;
  authorizationTypes: QaSphereAuthorizationType[];
  totpEnabled: boolean;
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** ISO 8601 date, e.g. "2024-11-14". */
  lastActivity: string;
}

export interface QaSphereUsersResponseDto {
  users: QaSphereUserDto[];
}

/** `GET /api/public/v0/users/me`: the identity behind the calling credential. */
export interface QaSphereMeDto {
  id: number;
  email: string;
  name: string;
  avatar: string | null;
  role: QaSphereRole;
}

export interface QaSphereMeResponseDto {
  user: QaSphereMeDto;
}

/** Assumed error body: `{ message }`. */
export interface QaSphereErrorDto {
  message: string;
}
