import { z } from 'zod';

// Shapes exactly as Qualifi ("gather") sends them: ../shared/upstreams.md §1.
// The schemas are the contract each answer is checked against; the types are derived from them.

/** `meta` on every Qualifi answer, success or error. */
export const qualifiMetaSchema = z.object({
  requestId: z.string(),
  timestamp: z.string(),
});
export type QualifiMetaDto = z.infer<typeof qualifiMetaSchema>;

/** A team as embedded in a user by `GET /users?includeTeams=true`. */
export const qualifiUserTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  organizationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QualifiUserTeamDto = z.infer<typeof qualifiUserTeamSchema>;

/** A team as the Teams API lists it: the embedded fields plus branding and archival. */
export const qualifiTeamSchema = qualifiUserTeamSchema.extend({
  logoUrl: z.string().nullable(),
  accentColor: z.string().nullable(),
  buttonColor: z.string().nullable(),
  backgroundImage: z.string().nullable(),
  archivedAt: z.string().nullable(),
});
export type QualifiTeamDto = z.infer<typeof qualifiTeamSchema>;

export const qualifiUserSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  isApiUser: z.boolean(),
  /** Present with includeTeams=true (the default). */
  teams: z.array(qualifiUserTeamSchema).optional(),
  /** Present with includeTeams=false. */
  teamIds: z.array(z.string()).optional(),
  organizationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // One of the two is always there; without either the user would silently belong to no team.
}).refine((user) => user.teams !== undefined || user.teamIds !== undefined, { message: 'expected teams or teamIds' });
export type QualifiUserDto = z.infer<typeof qualifiUserSchema>;

/** One user of `POST /users`'s body. */
export interface QualifiNewUserDto {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  teamIds: string[];
  createAuth0Account?: boolean;
}

/** `GET /users`, and `POST /users` (assumed to answer the created users the same way). */
export const qualifiUsersResponseSchema = z.object({
  data: z.object({ users: z.array(qualifiUserSchema) }),
  meta: qualifiMetaSchema,
});
export type QualifiUsersResponseDto = z.infer<typeof qualifiUsersResponseSchema>;

export const qualifiTeamsResponseSchema = z.object({
  data: z.object({ teams: z.array(qualifiTeamSchema) }),
  meta: qualifiMetaSchema,
});
export type QualifiTeamsResponseDto = z.infer<typeof qualifiTeamsResponseSchema>;

export interface QualifiErrorDto {
  error: { code: string; message: string };
  meta: QualifiMetaDto;
}
