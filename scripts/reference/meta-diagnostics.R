# Reference values for the derived views of a fit (src/meta/leave1out.ts, cumulative.ts, egger.ts, begg.ts,
# trimfill.ts): metafor leave1out, cumul, regtest(model = "lm", predictor = "sei"), ranktest and trimfill (L0).
# Run from the repository root:  Rscript scripts/reference/meta-diagnostics.R
# Writes test/fixtures/meta-diagnostics.json (full precision).
suppressMessages({
  library(metafor)
  library(jsonlite)
})
invisible(Sys.setlocale('LC_COLLATE', 'C')) # text order keys sort by code point, as the TypeScript code does

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000, stepadj = 0.5)

num <- function(x) unname(as.numeric(x))

# one fit's summary row (as leave1out / cumul report it; an equal-effects fit reports no tau2: 0)
row_of <- function(r, i) {
  list(
    estimate = num(r$estimate[i]), se = num(r$se[i]),
    ci = c(num(r$ci.lb[i]), num(r$ci.ub[i])),
    tau2 = if (is.null(r$tau2)) 0 else num(r$tau2[i]), I2 = num(r$I2[i]), Q = num(r$Q[i]), Q_p = num(r$Qp[i])
  )
}

rows_of <- function(r, labels) {
  lapply(seq_along(r$estimate), function(i) c(list(study = labels[i]), row_of(r, i)))
}

case_of <- function(d, method, test, order_key) {
  res <- rma(yi, vi, data = d, method = method, test = test, control = ctrl, slab = d$study)
  l1 <- leave1out(res)
  cu <- cumul(res, order = order_key)
  # metafor's trimfill passes `...` to every rma() it fits; give the test so the final fit uses it
  tf <- trimfill(res, estimator = 'L0', test = test, control = ctrl)
  # the regression trimfill uses to pick the side when `side` is not given: rma(yi, vi, mods = sqrt(vi))
  side_fit <- rma(yi, vi, mods = sqrt(vi), data = d, method = method, control = ctrl)
  filled <- if (tf$k0 > 0) {
    idx <- which(tf$fill)
    lapply(idx, function(i) list(study = tf$slab[i], yi = num(tf$yi[i]), vi = num(tf$vi[i])))
  } else list()
  list(
    method = method, test = test,
    fit = list(estimate = num(res$beta), se = num(res$se), ci = c(num(res$ci.lb), num(res$ci.ub)),
               tau2 = num(res$tau2), I2 = num(res$I2), Q = num(res$QE), Q_p = num(res$QEp)),
    leave1out = rows_of(l1, d$study),
    cumulative = rows_of(cu, as.character(cu$slab)),
    side_regression = list(slope = num(side_fit$beta[2]), tau2 = num(side_fit$tau2)),
    trimfill = list(k0 = num(tf$k0), side = tf$side, estimate = num(tf$beta), se = num(tf$se),
                    ci = c(num(tf$ci.lb), num(tf$ci.ub)), tau2 = num(tf$tau2), filled = filled)
  )
}

dataset_of <- function(name, source, measure, d, order_name, order_key, extra = NULL) {
  eg <- regtest(d$yi, d$vi, model = 'lm', predictor = 'sei', ret.fit = TRUE)
  cf <- coef(summary(eg$fit))
  rk <- suppressWarnings(ranktest(d$yi, d$vi))
  cases <- list(
    case_of(d, 'FE', 'z', order_key),
    case_of(d, 'DL', 'z', order_key),
    case_of(d, 'REML', 'z', order_key),
    case_of(d, 'REML', 'knha', order_key),
    case_of(d, 'ML', 'knha', order_key)
  )
  studies <- lapply(seq_len(nrow(d)), function(i) {
    s <- list(study = d$study[i], yi = num(d$yi[i]), vi = num(d$vi[i]), order = order_key[i])
    if (!is.null(extra)) for (nm in extra) s[[nm]] <- num(d[[nm]][i])
    s
  })
  # the mixed-effects regression on sqrt(vi) trimfill uses to choose the side, for every tau2 estimator
  side <- lapply(c('FE', 'DL', 'HE', 'SJ', 'ML', 'REML', 'EB', 'PM'), function(m) {
    f <- rma(d$yi, d$vi, mods = sqrt(d$vi), method = m, control = ctrl)
    list(method = m, intercept = num(f$beta[1]), slope = num(f$beta[2]), tau2 = num(f$tau2))
  })
  list(
    name = name, source = source, measure = measure, order_column = order_name,
    side_regressions = side,
    studies = studies,
    egger = list(t = num(eg$zval), df = num(eg$dfs), p = num(eg$pval),
                 intercept = num(cf[1, 1]), slope = num(cf[2, 1])),
    begg = list(tau = num(rk$tau), p = num(rk$pval)),
    cases = cases
  )
}

# 1. BCG vaccine trials, log risk ratios (k = 13), ordered by year
bcg <- escalc(measure = 'RR', ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg$study <- paste(bcg$author, bcg$year)
d1 <- dataset_of('dat.bcg', 'metadat::dat.bcg (Colditz et al. 1994), escalc(measure = "RR")', 'GEN',
                 bcg, 'year', bcg$year)

# 2. passive smoking and lung cancer, log odds ratios (k = 37), ordered by year
hs <- dat.hackshaw1998
hs$study <- paste(hs$author, hs$year)
d2 <- dataset_of('dat.hackshaw1998', 'metadat::dat.hackshaw1998 (Hackshaw et al. 1997), yi/vi as given', 'GEN',
                 hs, 'year', hs$year)

# 3. proportions: success of a treatment (k = 14), logit (PLO) with escalc's default 0.5 correction,
#    ordered by author name (a text key)
pr <- escalc(measure = 'PLO', xi = xi, ni = ni, data = dat.pritz1997)
pr$study <- as.character(pr$authors)
d3 <- dataset_of('dat.pritz1997', 'metadat::dat.pritz1997 (Pritz 1997), escalc(measure = "PLO")', 'PLO',
                 pr, 'authors', as.character(pr$authors), extra = c('xi', 'ni'))

# 4. a small set with ties (k = 8): the first six pritz studies plus copies of studies 1 and 3.
#    k < 10 (bias tests flagged) and tied variances/standardized effects (Kendall's normal approximation).
sm <- pr[c(1:6, 1, 3), ]
sm$study <- c(as.character(pr$authors[1:6]), 'copy of 1', 'copy of 3')
d4 <- dataset_of('pritz-small-ties', 'metadat::dat.pritz1997 rows 1-6 plus copies of rows 1 and 3 (synthetic)', 'PLO',
                 sm, 'ni', sm$ni, extra = c('xi', 'ni'))

out <- list(
  generated_by = 'scripts/reference/meta-diagnostics.R',
  metafor = as.character(packageVersion('metafor')),
  R = R.version.string,
  control = ctrl,
  datasets = list(d1, d2, d3, d4)
)
write_json(out, 'test/fixtures/meta-diagnostics.json', digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat('wrote test/fixtures/meta-diagnostics.json\n')
