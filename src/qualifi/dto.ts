// Shapes exactly as Qualifi ("gather") sends them: ../shared/upstreams.md §1.

/** `meta` on every Qualifi answer, success or error. */
export interface QualifiMetaDto {
  requestId: string;
  timestamp: string;
}

/** A team as embedded in a user by `GET /users?includeTeams=true`. */
export interface QualifiUserTeamDto {
  id: string;
  name: string;
  displayName: string;
  description: string | null;
  organizationId: string;
  createdAt: string;
  updatedAt: string;
}

/** A team as the Teams API lists it: the embedded fields plus branding and archival. */
export interface QualifiTeamDto extends QualifiUserTeamDto {
  logoUrl: string | null;
  accentColor: string | null;
  buttonColor: string | null;
  backgroundImage: string | null;
  archivedAt: string | null;
}

export interface QualifiUserDto {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  isApiUser: boolean;
  /** Present with includeTeams=true (the default). */
  teams?: QualifiUserTeamDto[];
  /** Present with includeTeams=false. */
  teamIds?: string[];
  organizationId: string;
  createdAt: string;
  updatedAt: string;
}

/** One user of `POST /users`'s body. */
export interface QualifiNewUserDto {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  teamIds: string[];
  createAuth0Account?: boolean;
}

export interface QualifiUsersResponseDto {
  data: { users: QualifiUserDto[] };
  meta: QualifiMetaDto;
}

export interface QualifiTeamsResponseDto {
  data: { teams: QualifiTeamDto[] };
  meta: QualifiMetaDto;
}

export interface QualifiTeamResponseDto {
  data: { team: QualifiTeamDto };
  meta: QualifiMetaDto;
}

export interface QualifiErrorDto {
  error: { code: string; message: string };
  meta: QualifiMetaDto;
}
