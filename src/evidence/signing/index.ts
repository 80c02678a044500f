export { assertCanSign, evidencePublicKey, evidenceSigner, publicKeyFingerprint, signerOf, type EvidenceSigner, type PublicKeyView } from './key.ts';
