/** What every endpoint shares: problem details, body limits, strict JSON, ids, CORS. */
package io.careerpath.command.web;
