// The package ships no types; this declares the one function we call.
declare module 'js-md4' {
  const md4: { arrayBuffer(message: Uint8Array | ArrayBuffer | string): ArrayBuffer };
  export default md4;
}
