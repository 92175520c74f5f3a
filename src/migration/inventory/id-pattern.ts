/** Symbolic ids: usable unchanged as OpenStack names and Kubernetes namespaces (DNS labels). */
export const ID_PATTERN = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
