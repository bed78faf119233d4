// The public API of the authorization policy. Import from "@/lib/authz", not from its files.
export {
  PERMISSIONS,
  PERMISSION_GROUPS,
  HIERARCHY_LEVELS,
  isPermission,
  isScopeable,
  describePermission,
  permissionArea,
  permissionGroup,
  scopeReach,
  deepestScopeLevel,
  allowedScopeKinds,
  type Permission,
  type PermissionGroup,
  type PermissionGroupId,
  type PermissionArea,
  type HierarchyLevel,
  type ScopeKind,
  type ScopeReach,
} from "./catalog";
export {
  READ_ONLY_PRESET, CI_PULL_PRESET, ALLOW_ALL, unscopedGrants, isAllowAll, groupReadPermissions, groupAccessPermissions, groupAccessOf, type GroupAccess,
} from "./presets";
export {
  ROLES,
  ROLE_LABELS,
  ORG_WIDE_ROLES,
  ROLE_MATRIX,
  isRole,
  isOrgWideRole,
  roleGrants,
  roleIncludes,
  type Role,
} from "./roles";
export {
  resourceLevel,
  resourcePathProblems,
  assertResourcePath,
  InvalidResourcePathError,
  type ResourcePath,
  type ResourceLevel,
} from "./resource";
export {
  scopeCovers,
  scopeTouches,
  scopeKind,
  scopeProblems,
  isWellFormedScope,
  validateGrant,
  isValidGrant,
  type Scope,
  type Grant,
  type GrantProblem,
  type GrantProblemCode,
} from "./scope";
export { scopeSchema, grantSchema, grantsSchema } from "./grant-schema";
export {
  ANONYMOUS,
  type Principal,
  type UserPrincipal,
  type TokenPrincipal,
  type AnonymousPrincipal,
} from "./principal";
export {
  authorize,
  authorizeListing,
  DENY_REASONS,
  NOT_FOUND_MESSAGE,
  type Decision,
  type DenyReason,
} from "./authorize";
export {
  canSee,
  effectiveGrants,
  visibleProjectsFilter,
  matchesProjectFilter,
  type ProjectFilter,
} from "./visibility";
export {
  grantWithin,
  grantsWithin,
  type ScopeResolver,
  type Containment,
  type ExcessReason,
  type GrantExcess,
} from "./containment";
