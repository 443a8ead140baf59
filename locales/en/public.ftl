# Pages anyone can read: home, accessibility statement, missing files.

## Home
public-home-title = Home
public-home-heading = Charter on Integrating Cities: action plans and progress
public-home-lead = Signatory cities of the { $network } Charter on Integrating Cities commit to equal opportunities for all residents in their roles as policy-makers, service providers, employers and buyers of goods and services. This is where they keep their action plans and report their progress, and where the network publishes its outcomes reports.
public-home-reports-link = Read the published outcomes reports
public-home-open-data-link = Download the open data
public-home-open-data-after = : the published plans and actions, free to reuse
public-home-sign-in-link = Sign in
public-home-sign-in-after = {" "}if you work in a signatory city's office or the network secretariat
public-home-cities-heading = Cities that publish their plan

## Accessibility statement
public-accessibility-title = Accessibility statement
public-accessibility-intro = This service is run by the network secretariat. We want as many people as possible to be able to use it. You should be able to:
public-accessibility-keyboard = use every page with a keyboard alone, and without JavaScript;
public-accessibility-zoom = zoom in up to 400% without the text spilling off the screen;
public-accessibility-screen-reader = use it with a screen reader: every form field has a label, errors are listed at the top of the form and shown beside the field, tables have headers and captions, and every chart has a table with the same figures.
public-accessibility-how-heading = How accessible this service is
public-accessibility-how = We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, as the EU Web Accessibility Directive asks of public bodies. Every release is checked automatically: the main journeys run in a browser with the axe accessibility checker, and the pages are validated with the W3C HTML checker.
public-accessibility-report-heading = Reporting a problem
public-accessibility-report = If you find a part of the service you cannot use, please tell the network secretariat, saying which page and what happened. We will reply and fix it.

## A file that is not there (/static/...)
public-no-file = There is no such file. If you followed a link, it may be out of date.
