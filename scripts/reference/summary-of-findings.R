# Reference values for the summary-of-findings tests (test/analysis/summaryOfFindings.test.ts): the hand-made groups
# of proportions those tests pool, fitted as summaryOfFindings does through analyse() (PLO, REML, Hartung-Knapp;
# prediction interval back-transformed), and Egger's test (regtest, model = "lm", predictor = "sei") for the
# two groups of ten studies.
# Run: Rscript scripts/reference/summary-of-findings.R  → test/fixtures/summary-of-findings.json
suppressMessages({
  library(metafor)
  library(jsonlite)
})

groups <- list(
  # three heterogeneous retrospective series (5-year OS)
  hetero = list(events = c(10, 30, 20), n = c(50, 50, 40)),
  # two homogeneous prospective series (5-year OS)
  homo = list(events = c(30, 31), n = c(50, 50)),
  # ten series, the small ones with the higher response: funnel asymmetry
  asym = list(events = c(14, 16, 18, 22, 25, 27, 34, 40, 57, 72), n = c(20, 25, 30, 40, 50, 60, 80, 100, 150, 200)),
  # ten series, response unrelated to size
  sym = list(events = c(8, 13, 12, 20, 20, 30, 32, 50, 60, 100), n = c(20, 25, 30, 40, 50, 60, 80, 100, 150, 200))
)

out <- lapply(groups, function(g) {
  es <- escalc(measure = "PLO", xi = g$events, ni = g$n)
  fit <- rma(yi, vi, data = es, method = "REML", test = "knha")
  p <- predict(fit, transf = transf.ilogit)
  res <- list(
    k = fit$k, estimate = p$pred, ci = c(p$ci.lb, p$ci.ub), pi = c(p$pi.lb, p$pi.ub), I2 = fit$I2
  )
  if (fit$k >= 10) {
    eg <- regtest(fit, model = "lm", predictor = "sei")
    res$egger_p <- eg$pval
  }
  res
})
out$metafor <- as.character(packageVersion("metafor"))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/fixtures/summary-of-findings.json")
