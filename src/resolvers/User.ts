import type { Source, UserResolvers } from '../__generated__/resolvers-types';
import { emailKey } from '../model';
import type { QaSphereUserDto } from '../qasphere/dto';
import type { QualifiUserDto } from '../qualifi/dto';
import { humanApiOf, qaSphereOf, qualifiOf, then, thenAll } from './records';

// Field readers live at module level: a list of 10,000 people resolves 150,000 fields, and a
// closure made per field would be 150,000 allocations for the collector.
type Qualifi = QualifiUserDto | null;
type QaSphere = QaSphereUserDto | null;
const fullName = (u: Qualifi) => (u ? `${u.firstName} ${u.lastName}` : null);
const firstName = (u: Qualifi) => u?.firstName ?? null;
const lastName = (u: Qualifi) => u?.lastName ?? null;
const phone = (u: Qualifi) => u?.phone ?? null;
const isApiUser = (u: Qualifi) => u?.isApiUser ?? null;
const teams = (u: Qualifi) => u?.teams ?? [];
const role = (u: QaSphere) => u?.role ?? null;
const totpEnabled = (u: QaSphere) => u?.totpEnabled ?? null;
const authorizationTypes = (u: QaSphere) => u?.authorizationTypes ?? null;
const lastActivity = (u: QaSphere) => u?.lastActivity ?? null;
const sourcesOf = ([qualifi, qaSphere, humanApi]: [unknown, unknown, unknown[]]) => {
  const sources: Source[] = [];
  if (qualifi) sources.push('QUALIFI');
  if (humanApi.length > 0) sources.push('HUMAN_API');
  if (qaSphere) sources.push('QA_SPHERE');
  return sources;
};

export const User: UserResolvers = {
  // Another subgraph's reference: fields load lazily, so many references cost one list call per source.
  __resolveReference: ({ email }) => ({ email }),
  email: (p) => emailKey(p.email),
  // QA Sphere's display name first; Qualifi is asked only for people QA Sphere does not know.
  name: (p, _args, ctx) => {
    if (p.me) return p.me.name;
    const qaSphere = qaSphereOf(p, ctx);
    if (qaSphere instanceof Promise) return qaSphere.then((u) => (u ? u.name : then(qualifiOf(p, ctx), fullName)));
    return qaSphere ? qaSphere.name : then(qualifiOf(p, ctx), fullName);
  },
  firstName: (p, _args, ctx) => then(qualifiOf(p, ctx), firstName),
  lastName: (p, _args, ctx) => then(qualifiOf(p, ctx), lastName),
  phone: (p, _args, ctx) => then(qualifiOf(p, ctx), phone),
  isApiUser: (p, _args, ctx) => then(qualifiOf(p, ctx), isApiUser),
  teams: (p, _args, ctx, info) => ctx.partialErrors.recover(then(qualifiOf(p, ctx), teams), [], info),

  // The caller's own role comes with /users/me, which any role may call; the list is admin-only.
  role: (p, _args, ctx) => p.me?.role ?? then(qaSphereOf(p, ctx), role),
  twoFactorEnabled: (p, _args, ctx) => then(qaSphereOf(p, ctx), totpEnabled),
  authorizationTypes: (p, _args, ctx) => then(qaSphereOf(p, ctx), authorizationTypes),
  lastActivity: (p, _args, ctx) => then(qaSphereOf(p, ctx), lastActivity),

  sources: (p, _args, ctx, info) => thenAll([
    ctx.partialErrors.recover(qualifiOf(p, ctx), null, info),
    p.me ?? ctx.partialErrors.recover(qaSphereOf(p, ctx), null, info),
    ctx.partialErrors.recover(humanApiOf(p, ctx), [], info),
  ], sourcesOf),

  qualifi: (p, _args, ctx) => qualifiOf(p, ctx),
  qaSphere: (p, _args, ctx) => then(qaSphereOf(p, ctx), (u) => (u && p.me ? { ...u, id: p.me.id, avatar: p.me.avatar } : u)),
  humanApi: (p, _args, ctx, info) => ctx.partialErrors.recover(humanApiOf(p, ctx), [], info),
};
