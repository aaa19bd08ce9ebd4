# Reference values for per-study intervals on the display scale (src/meta/studyIntervals.ts), from metafor:
# summary(escalc(...), transf = ...) gives each study's Wald 95% CI (yi ± qnorm(.975)·√vi) back-transformed,
# the same values forest() draws for each study. PFT uses each study's own n (transf.ipft with ni).
# Run: Rscript scripts/reference/study-intervals.R  → test/fixtures/study-intervals.json
suppressMessages({
  library(metafor)
  library(jsonlite)
})

# dat.pritz1997 (metadat): proportions with one study at n events; plus a 0-event study.
dat <- dat.pritz1997
study <- c(as.character(dat$study), "zero")
xi <- c(dat$xi, 0)
ni <- c(dat$ni, 25)

clamp01 <- function(x) pmin(1, pmax(0, x))
cases <- list()
for (m in c("PR", "PLO", "PAS", "PFT")) {
  es <- escalc(measure = m, xi = xi, ni = ni)
  tf <- switch(m,
    PR = function(x, ...) x,
    PLO = transf.ilogit,
    PAS = transf.iarcsin,
    PFT = transf.ipft
  )
  s <- if (m == "PFT") summary(es, transf = tf, ni = ni) else summary(es, transf = tf)
  a <- summary(es)
  cases[[length(cases) + 1]] <- list(
    name = paste("pritz1997 + zero-event study", m), kind = "proportions", measure = m,
    rows = data.frame(study = study, events = xi, n = ni),
    expected = list(
      yi = I(as.numeric(es$yi)), vi = I(as.numeric(es$vi)),
      ci_lb = I(as.numeric(a$ci.lb)), ci_ub = I(as.numeric(a$ci.ub)),
      back_estimate = I(clamp01(as.numeric(s$yi))),
      back_ci_lb = I(clamp01(as.numeric(s$ci.lb))), back_ci_ub = I(clamp01(as.numeric(s$ci.ub)))
    )
  )
}

# dat.bcg log risk ratios, generic yi/vi, exponentiated for display (forest(..., atransf = exp)).
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
sb <- summary(bcg, transf = exp)
ab <- summary(bcg)
cases[[length(cases) + 1]] <- list(
  name = "bcg log risk ratio GEN exp", kind = "generic", measure = "GEN", exponentiate = TRUE,
  rows = data.frame(study = paste(dat.bcg$author, dat.bcg$year), yi = as.numeric(bcg$yi), vi = as.numeric(bcg$vi)),
  expected = list(
    yi = I(as.numeric(bcg$yi)), vi = I(as.numeric(bcg$vi)),
    ci_lb = I(as.numeric(ab$ci.lb)), ci_ub = I(as.numeric(ab$ci.ub)),
    back_estimate = I(as.numeric(sb$yi)),
    back_ci_lb = I(as.numeric(sb$ci.lb)), back_ci_ub = I(as.numeric(sb$ci.ub))
  )
)

out <- list(metafor = as.character(packageVersion("metafor")), cases = cases)
write_json(out, "test/fixtures/study-intervals.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
