// repair/: finds what is wrong or left over in a store and fixes what is safe to fix.
export { repairStore } from './repair.ts';
