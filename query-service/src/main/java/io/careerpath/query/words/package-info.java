/**
 * The platform's codes in the words the dashboards use (js/ui.js, js/charts.js), for what the query
 * service writes for people rather than programs: the CSV exports and the career summary PDF. A figure
 * reads the same on the page, in the spreadsheet and on paper.
 */
package io.careerpath.query.words;
