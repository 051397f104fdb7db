/** `k6/options` has types only; a script that imports it for `Options` finds this empty module. */
export {}
