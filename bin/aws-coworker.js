#!/usr/bin/env node
import { main } from "../dist/interfaces/cli/main.js";

await main();
