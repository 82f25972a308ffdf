import type { Source, UserResolvers } from '../__generated__/resolvers-types';
import { emailKey } from '../model';
import { humanApiOf, qaSphereOf, qualifiOf, then, thenAll } from './records';

export const User: UserResolvers = {
  // Another subgraph's reference: fields load lazily, so many references cost one list call per source.
  __resolveReference: ({ email }) => ({ email }),
  email: (p) => emailKey(p.email),
  // QA Sphere's display name first; Qualifi is asked only for people QA Sphere does not know.
  name: (p, _args, ctx) => {
    if (p.me) return p.me.name;
    const fromQualifi = () => then(qualifiOf(p, ctx), (u) => (u ? `${u.firstName} ${u.lastName}` : null));
    const qaSphere = qaSphereOf(p, ctx);
    if (qaSphere instanceof Promise) return qaSphere.then((u) => (u ? u.name : fromQualifi()));
    return qaSphere ? qaSphere.name : fromQualifi();
  },
  firstName: (p, _args, ctx) => then(qualifiOf(p, ctx), (u) => u?.firstName ?? null),
  lastName: (p, _args, ctx) => then(qualifiOf(p, ctx), (u) => u?.lastName ?? null),
  phone: (p, _args, ctx) => then(qualifiOf(p, ctx), (u) => u?.phone ?? null),
  isApiUser: (p, _args, ctx) => then(qualifiOf(p, ctx), (u) => u?.isApiUser ?? null),
  teams: (p, _args, ctx, info) => ctx.partialErrors.recover(then(qualifiOf(p, ctx), (u) => u?.teams ?? []), [], info),

  // The caller's own role comes with /users/me, which any role may call; the list is admin-only.
  role: (p, _args, ctx) => p.me?.role ?? then(qaSphereOf(p, ctx), (u) => u?.role ?? null),
  twoFactorEnabled: (p, _args, ctx) => then(qaSphereOf(p, ctx), (u) => u?.totpEnabled ?? null),
  authorizationTypes: (p, _args, ctx) => then(qaSphereOf(p, ctx), (u) => u?.authorizationTypes ?? null),
  lastActivity: (p, _args, ctx) => then(qaSphereOf(p, ctx), (u) => u?.lastActivity ?? null),

  sources: (p, _args, ctx, info) => thenAll([
    ctx.partialErrors.recover(qualifiOf(p, ctx), null, info),
    p.me ?? ctx.partialErrors.recover(qaSphereOf(p, ctx), null, info),
    ctx.partialErrors.recover(humanApiOf(p, ctx), [], info),
  ], ([qualifi, qaSphere, humanApi]) => {
    const sources: Source[] = [];
    if (qualifi) sources.push('QUALIFI');
    if (humanApi.length > 0) sources.push('HUMAN_API');
    if (qaSphere) sources.push('QA_SPHERE');
    return sources;
  }),

  qualifi: (p, _args, ctx) => qualifiOf(p, ctx),
  qaSphere: (p, _args, ctx) => then(qaSphereOf(p, ctx), (u) => (u && p.me ? { ...u, id: p.me.id, avatar: p.me.avatar } : u)),
  humanApi: (p, _args, ctx, info) => ctx.partialErrors.recover(humanApiOf(p, ctx), [], info),
};
