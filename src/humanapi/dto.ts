import { z } from 'zod';

// Shapes exactly as Human API's Application API sends them: ../shared/upstreams.md §2.
// The schemas are the contract each answer is checked against; the types are derived from them.

/** `GET /v1/apps/{appId}/users/{humanId}` answers one of these. */
export const humanUserSchema = z.object({
  humanId: z.string(),
  /** The id our application gave the user; often an email address. */
  externalId: z.string(),
  appId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HumanUserDto = z.infer<typeof humanUserSchema>;

/** `GET /v1/apps/{appId}/users` answers a bare JSON array of users. */
export const humanUsersSchema = z.array(humanUserSchema);

/** Assumed error body (the vendor documents none). */
export interface HumanApiErrorDto {
  error: string;
  message: string;
}
