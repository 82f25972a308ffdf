// Shapes exactly as Human API's Application API sends them: ../shared/upstreams.md §2.

/** `GET /v1/apps/{appId}/users` answers a bare JSON array of these. */
export interface HumanUserDto {
  humanId: string;
  /** The id our application gave the user; often an email address. */
  externalId: string;
  appId: string;
  createdAt: string;
  updatedAt: string;
}

/** Assumed error body (the vendor documents none). */
export interface HumanApiErrorDto {
  error: string;
  message: string;
}
