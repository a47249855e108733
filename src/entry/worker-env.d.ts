/// <reference types="@cloudflare/workers-types" />
declare module '*.wasm' {
  const module: WebAssembly.Module
  export default module
}
