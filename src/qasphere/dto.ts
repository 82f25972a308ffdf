import { z } from 'zod';

// Shapes exactly as QA Sphere's public API sends them: ../shared/upstreams.md §3.
// The schemas are the contract each answer is checked against; the types are derived from them.

export const qaSphereRoleSchema = z.enum(['owner', 'admin', 'user', 'test-runner', 'viewer']);
export type QaSphereRole = z.infer<typeof qaSphereRoleSchema>;
export const qaSphereAuthorizationTypeSchema = z.enum(['password', 'google']);
export type QaSphereAuthorizationType = z.infer<typeof qaSphereAuthorizationTypeSchema>;

/** One entry of `GET /api/public/v0/users` (admin keys only). */
export const qaSphereUserSchema = z.object({
  email: z.string(),
  /** 1 to 255 characters, as the vendor documents for this list. */
  name: z.string().min(1).max(255),
  role: qaSphereRoleSchema,
  authorizationTypes: z.array(qaSphereAuthorizationTypeSchema),
  totpEnabled: z.boolean(),
  /** ISO 8601 timestamp. */
  createdAt: z.string(),
  /** ISO 8601 date, e.g. "2024-11-14". */
  lastActivity: z.string(),
});
export type QaSphereUserDto = z.infer<typeof qaSphereUserSchema>;

export const qaSphereUsersResponseSchema = z.object({
  users: z.array(qaSphereUserSchema),
});
export type QaSphereUsersResponseDto = z.infer<typeof qaSphereUsersResponseSchema>;

/** `GET /api/public/v0/users/me`: the identity behind the calling credential. */
export const qaSphereMeSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  avatar: z.string().nullable(),
  role: qaSphereRoleSchema,
});
export type QaSphereMeDto = z.infer<typeof qaSphereMeSchema>;

export const qaSphereMeResponseSchema = z.object({
  user: qaSphereMeSchema,
});
export type QaSphereMeResponseDto = z.infer<typeof qaSphereMeResponseSchema>;

/** Assumed error body: `{ message }`. */
export interface QaSphereErrorDto {
  message: string;
}
