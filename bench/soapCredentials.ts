// The users of the SOAP benchmark, shared by its driver and its servers.
export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password';
export const ADMIN_PASSWORD = 'bench-admin-password';
