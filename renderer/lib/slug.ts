// The identifier suggested for a name (see shared/slug.ts).
export { slugOf } from '../../shared/slug';
