// The Rust commands, typed: generated into commands.ts from the command list and the command
// functions' signatures (tests/bindings.rs), with the types from bindings.ts (ts-rs). Renaming
// or retyping an argument in Rust regenerates them and fails the type check wherever the UI
// still calls the old shape.
export { commands as api } from "./commands";
