# Pages anyone can read: home, accessibility statement, missing files.

## Home
public-home-title = Startseite
public-home-heading = Charta für integrierende Städte: Aktionspläne und Fortschritte
public-home-lead = Die Unterzeichnerstädte der { $network }-Charta für integrierende Städte verpflichten sich zu Chancengleichheit für alle Einwohnerinnen und Einwohner – als politische Entscheidungsträger, Dienstleister, Arbeitgeber und Einkäufer von Waren und Dienstleistungen. Hier pflegen sie ihre Aktionspläne und berichten über ihre Fortschritte, und hier veröffentlicht das Netzwerk seine Ergebnisberichte.
public-home-reports-link = Veröffentlichte Ergebnisberichte lesen
public-home-open-data-link = Offene Daten herunterladen
public-home-open-data-after = : die veröffentlichten Pläne und Maßnahmen, frei zur Weiterverwendung
public-home-sign-in-link = Melden Sie sich an
public-home-sign-in-after = , wenn Sie in der Verwaltung einer Unterzeichnerstadt oder im Netzwerksekretariat arbeiten
public-home-cities-heading = Städte, die ihren Plan veröffentlichen

## Accessibility statement
public-accessibility-title = Erklärung zur Barrierefreiheit
public-accessibility-intro = Dieser Dienst wird vom Netzwerksekretariat betrieben. Wir möchten, dass ihn möglichst viele Menschen nutzen können. Sie sollten:
public-accessibility-keyboard = jede Seite allein mit der Tastatur und ohne JavaScript bedienen können;
public-accessibility-zoom = bis zu 400 % vergrößern können, ohne dass Text über den Bildschirmrand hinausläuft;
public-accessibility-screen-reader = ihn mit einem Screenreader nutzen können: Jedes Formularfeld hat eine Beschriftung, Fehler werden oben im Formular aufgeführt und neben dem Feld angezeigt, Tabellen haben Überschriften und Titel, und zu jedem Diagramm gibt es eine Tabelle mit denselben Zahlen.
public-accessibility-how-heading = Wie barrierefrei dieser Dienst ist
public-accessibility-how = Wir streben an, die Richtlinien für barrierefreie Webinhalte (WCAG) 2.1 auf Stufe AA zu erfüllen, wie es die EU-Richtlinie über den barrierefreien Zugang zu Websites von öffentlichen Stellen verlangt. Jede Version wird automatisch geprüft: Die wichtigsten Abläufe werden in einem Browser mit dem Prüfwerkzeug axe getestet, und die Seiten werden mit dem HTML-Validator des W3C validiert.
public-accessibility-report-heading = Ein Problem melden
public-accessibility-report = Wenn Sie einen Teil des Dienstes nicht nutzen können, teilen Sie dies bitte dem Netzwerksekretariat mit und nennen Sie die Seite und was passiert ist. Wir antworten Ihnen und beheben das Problem.

## A file that is not there (/static/...)
public-no-file = Diese Datei gibt es nicht. Wenn Sie einem Link gefolgt sind, ist er möglicherweise veraltet.
