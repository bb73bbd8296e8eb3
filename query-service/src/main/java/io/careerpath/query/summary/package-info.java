/**
 * The career summary for a review conversation as a PDF (docs/dashboards.md, "Export and print"): an
 * XHTML page built here, every person's text escaped, its retention chart an SVG drawn here, laid out
 * and rendered to PDF on the server by openhtmltopdf (PDFBox, Batik for the SVG) in DejaVu Sans, so
 * that accents print. What it says comes ready in words from the skills feature ({@link
 * io.careerpath.query.summary.CareerSummary}); nothing here reads data.
 */
package io.careerpath.query.summary;
