/** The cost overview workflow. */
export * from "./run-cost.js";
