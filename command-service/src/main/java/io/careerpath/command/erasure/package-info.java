/** Erasure on request: the endpoint, the erasure's transaction, and the ledger that survives a restore. */
package io.careerpath.command.erasure;
