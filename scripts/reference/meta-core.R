# Reference values for the pooling engine core (src/meta/fit.ts), computed with metafor.
# Run: Rscript scripts/reference/meta-core.R  → test/fixtures/meta-core.json
# Every measure × method × test on dat.pritz1997 (proportions, incl. one study with n events) and dat.bcg
# (log risk ratios as generic yi/vi), plus edge cases: k = 1, k = 2, τ² = 0, studies with 0 and n events.
suppressMessages({
  library(metafor)
  library(jsonlite)
})

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
measures <- c("PR", "PLO", "PAS", "PFT")
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ", "EB")
tests <- c("z", "knha", "adhoc")
qprofile <- c("DL", "REML", "ML", "PM")

clamp01 <- function(x) pmin(1, pmax(0, x))
back_fun <- function(measure, exponentiate, ni) {
  switch(measure,
    PR = function(x) clamp01(x),
    PLO = function(x) clamp01(transf.ilogit(x)),
    PAS = function(x) clamp01(transf.iarcsin(x)),
    PFT = function(x) clamp01(transf.ipft.hm(x, targs = list(ni = ni))),
    GEN = if (exponentiate) exp else identity
  )
}

one_case <- function(name, input, measure, method, test, yi, vi, ni = NULL, exponentiate = FALSE) {
  k <- length(yi)
  res <- suppressWarnings(rma.uni(yi, vi, method = method, test = test, control = ctrl))
  pr <- predict(res)
  is_fe <- method == "FE"
  pi <- if (is_fe || k == 1) NULL else c(pr$pi.lb, pr$pi.ub)
  tau2_ci <- NULL
  if (!is_fe && k > 1 && method %in% qprofile) {
    ci <- suppressWarnings(confint(res, control = list(tol = 1e-12, maxiter = 10000)))
    tau2_ci <- unname(ci$random["tau^2", c("ci.lb", "ci.ub")])
  }
  f <- back_fun(measure, exponentiate, ni)
  list(
    name = name, input = input, measure = measure, method = method, test = test, exponentiate = exponentiate,
    expected = list(
      k = k, test = res$test, yi = I(as.numeric(yi)), vi = I(as.numeric(vi)),
      estimate = as.numeric(res$beta), se = res$se, ci = c(res$ci.lb, res$ci.ub), pi = pi,
      pval = res$pval, tau2 = res$tau2, tau2_ci = tau2_ci,
      I2 = res$I2, H2 = res$H2, Q = res$QE, Q_p = res$QEp,
      weights = I(as.numeric(weights(res))),
      back = list(estimate = f(as.numeric(res$beta)), ci = f(c(res$ci.lb, res$ci.ub)),
                  pi = if (is.null(pi)) NULL else f(pi))
    )
  )
}

proportion_cases <- function(label, study, xi, ni, ms = measures, mths = methods, tsts = tests) {
  input <- list(kind = "proportions", rows = data.frame(study = study, events = xi, n = ni))
  out <- list()
  for (m in ms) {
    es <- escalc(measure = m, xi = xi, ni = ni)
    for (me in mths) for (te in tsts) {
      out[[length(out) + 1]] <- one_case(paste(label, m, me, te), input, m, me, te, es$yi, es$vi, ni = ni)
    }
  }
  out
}

cases <- list()
add <- function(x) cases <<- c(cases, x)

# dat.pritz1997: 14 studies, one with n events (10/10).
p <- dat.pritz1997
add(proportion_cases("pritz1997", p$authors, p$xi, p$ni))

# dat.bcg: log risk ratios as generic (yi, vi); back-transformed by exp.
b <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bin <- list(kind = "generic", rows = data.frame(study = paste(dat.bcg$author, dat.bcg$year), yi = b$yi, vi = b$vi))
for (me in methods) for (te in tests) {
  add(list(one_case(paste("bcg GEN", me, te), bin, "GEN", me, te, b$yi, b$vi, exponentiate = TRUE)))
}

# Ratios with a 95% CI (hazard ratios as printed: estimate, lower, upper) → log ratio, SE from the CI width.
hr <- data.frame(study = c("T1", "T2", "T3", "T4"), estimate = c(0.62, 0.85, 0.48, 0.91),
                 lb = c(0.41, 0.60, 0.27, 0.70), ub = c(0.94, 1.20, 0.85, 1.18))
hr_yi <- log(hr$estimate)
hr_vi <- ((log(hr$ub) - log(hr$lb)) / (2 * qnorm(0.975)))^2
for (me in c("REML", "DL", "FE")) for (te in c("knha", "z")) {
  add(list(one_case(paste("hr GEN", me, te), list(kind = "ratios", rows = hr), "GEN", me, te, hr_yi, hr_vi,
                    exponentiate = TRUE)))
}

# dat.debruin2009: 13 studies (a second proportion data set), REML and DL.
d <- dat.debruin2009
add(proportion_cases("debruin2009", d$author, d$xi, d$ni, mths = c("DL", "REML"), tsts = c("z", "knha")))

# Edge: studies with 0 events and with n events (continuity correction for PR/PLO only).
zs <- c("A", "B", "C", "D", "E", "F")
zx <- c(0, 3, 12, 7, 0, 15)
zn <- c(12, 20, 12, 25, 9, 30)
add(proportion_cases("zeros", zs, zx, zn, mths = c("DL", "REML", "PM", "EB"), tsts = c("z", "knha", "adhoc")))

# Edge: τ² = 0 (homogeneous proportions; Q < k − 1).
hs <- c("H1", "H2", "H3", "H4", "H5")
hx <- c(10, 11, 10, 9, 10)
hn <- c(50, 50, 52, 49, 51)
add(proportion_cases("homogeneous", hs, hx, hn, ms = c("PLO", "PFT"), mths = methods, tsts = tests))

# Edge: k = 2.
add(proportion_cases("k2", c("S1", "S2"), c(8, 20), c(30, 40), ms = measures, mths = methods, tsts = c("z", "knha")))

# Edge: k = 1 (metafor: τ² = 0, test forced to z).
add(proportion_cases("k1", "only", 7, 25, ms = measures, mths = c("FE", "REML", "DL"), tsts = c("z", "knha")))

# Edge: k = 1 with 0 events.
add(proportion_cases("k1zero", "only", 0, 15, ms = c("PR", "PLO", "PFT"), mths = "REML", tsts = "z"))

# Subgroups: a fit per subgroup (own τ²), then a common-effect model on the subgroup estimates with their SEs.
subgroup_case <- function(name, input, groups, measure, method, test, yi, vi) {
  lv <- unique(groups)
  fits <- lapply(lv, function(g) suppressWarnings(rma.uni(yi[groups == g], vi[groups == g], method = method,
                                                          test = test, control = ctrl)))
  est <- sapply(fits, function(r) as.numeric(r$beta))
  se <- sapply(fits, function(r) r$se)
  between <- rma.uni(est, sei = se, method = "FE")
  list(name = name, input = input, groups = I(groups), measure = measure, method = method, test = test,
       expected = list(
         subgroups = lapply(seq_along(lv), function(i) list(group = lv[i], k = fits[[i]]$k, estimate = est[i],
                                                            se = se[i], tau2 = fits[[i]]$tau2)),
         Q_between = between$QE, Q_between_df = length(lv) - 1, Q_between_p = between$QEp))
}
subgroup_cases <- list()
for (me in c("REML", "DL")) for (te in c("knha", "z")) {
  subgroup_cases[[length(subgroup_cases) + 1]] <- subgroup_case(paste("bcg by alloc", me, te), bin,
    as.character(dat.bcg$alloc), "GEN", me, te, b$yi, b$vi)
  pe <- escalc(measure = "PLO", xi = p$xi, ni = p$ni)
  pg <- ifelse(p$ni >= 20, "large", "small")
  subgroup_cases[[length(subgroup_cases) + 1]] <- subgroup_case(paste("pritz1997 by size PLO", me, te),
    list(kind = "proportions", rows = data.frame(study = p$authors, events = p$xi, n = p$ni)), pg, "PLO", me, te,
    pe$yi, pe$vi)
}

out <- list(
  generated_by = "scripts/reference/meta-core.R",
  metafor = as.character(packageVersion("metafor")),
  R = R.version.string,
  cases = cases,
  subgroup_cases = subgroup_cases
)
write_json(out, "test/fixtures/meta-core.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null",
           pretty = FALSE, dataframe = "rows")
cat("cases:", length(cases), "\n")
