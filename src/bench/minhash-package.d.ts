/** Types for the `minhash` npm package (0.0.9, CommonJS, untyped): only what the benchmark baseline calls. */
declare module 'minhash' {
  /** One MinHash signature being built; `update` hashes a string into it. */
  export interface PackageMinhash {
    hashvalues: number[];
    update(value: string): void;
    jaccard(other: PackageMinhash): number;
  }
  const minhashPackage: {
    Minhash: new (config?: { numPerm?: number; seed?: number }) => PackageMinhash;
  };
  export default minhashPackage;
}
