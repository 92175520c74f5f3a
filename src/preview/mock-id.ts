/**
 * The id the offline preview gives a resource (the SDK's mock runtime needs one): its name
 * and "-id". One home, because the network rules and the diff resolve references by it.
 */
export const mockId = (name: string): string => `${name}-id`;
