declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}

declare module "*.eml?raw" {
  const raw: string;
  export default raw;
}

declare module "*.toml?raw" {
  const raw: string;
  export default raw;
}
