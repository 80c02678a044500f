export { manifestBytes, manifestSchema, MANIFEST_FORMAT, PACK_FILES, type Manifest, type ManifestFile } from './manifest.ts';
export { writePack, type PackContext, type PackWriters, type WrittenPack } from './write-pack.ts';
export { packFiles, verifyPack, type PackVerdict } from './verify-pack.ts';
