/** The explicit registry of `vigil` commands, in the order `vigil --help` lists them. */
import type { Command } from '../command.js';
import { serveCommand } from './serve.js';
import { ingestCommand } from './ingest.js';
import { searchCommand } from './search.js';
import { huntCommand } from './hunt.js';
import { rulesLintCommand } from './rules-lint.js';
import { rulesTestCommand } from './rules-test.js';
import { evtxDumpCommand } from './evtx-dump.js';
import { demoCommand } from './demo.js';
import { usersAddCommand, usersListCommand } from './users.js';

export const COMMANDS: Command[] = [
  serveCommand,
  ingestCommand,
  searchCommand,
  huntCommand,
  rulesLintCommand,
  rulesTestCommand,
  evtxDumpCommand,
  demoCommand,
  usersAddCommand,
  usersListCommand,
];
