// Resource owners (accounts, permission sets, groups): what other folders may use.
export { listOwners, ownerKey, ownersOf, removeOwner, setOwner } from './owners.ts';
export {
  OWNABLE_RESOURCE_TYPES,
  ownableResourceTypeSchema,
  ownerListFilterSchema,
  ownerViewSchema,
  resourceRefSchema,
  setOwnerInputSchema,
  type OwnableResourceType,
  type OwnerListFilter,
  type OwnerView,
  type ResourceRef,
  type SetOwnerInput,
} from './schemas.ts';
export { createOwnershipService, type OwnershipService, type OwnershipServiceDeps } from './service.ts';
export { OWNERSHIP_ERRORS } from './errors.ts';
