# Reference values for src/survival from R's survival package.
# Run: Rscript scripts/reference/survival.R  → test/fixtures/survival.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })

km_full <- function(fit) {
  s <- summary(fit, censored = TRUE)
  list(time = s$time, n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor,
       surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper)
}
km_at <- function(fit, times) {
  s <- summary(fit, times = times, extend = TRUE)
  list(time = s$time, surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper, n_risk = s$n.risk)
}
med <- function(fit) {
  q <- quantile(fit, probs = 0.5)
  list(median = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper))
}
rmean <- function(fit, horizon) {
  tab <- summary(fit, rmean = horizon)$table
  list(horizon = horizon, rmean = unname(tab["rmean"]), se = unname(tab["se(rmean)"]))
}
one_set <- function(time, event, group, conf_types, times, horizons) {
  out <- list(data = list(time = time, event = event, group = group))
  for (ct in conf_types) {
    fit <- survfit(Surv(time, event) ~ 1, conf.type = ct)
    out[[paste0("km_", gsub("-", "", ct))]] <- c(km_full(fit), list(n = fit$n, events = sum(fit$n.event)),
      list(median = med(fit), at = km_at(fit, times)),
      list(rmean = lapply(horizons, function(h) rmean(fit, h))))
  }
  groups <- sort(unique(group))
  out$by_group <- lapply(groups, function(g) {
    fit <- survfit(Surv(time[group == g], event[group == g]) ~ 1)
    list(group = g, n = fit$n, events = sum(fit$n.event), median = med(fit),
         rmean = rmean(fit, max(time[group == g])), at = km_at(fit, times))
  })
  sd <- survdiff(Surv(time, event) ~ group)
  out$logrank <- list(chisq = sd$chisq, df = length(sd$n) - 1,
                      p = pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE),
                      observed = as.numeric(sd$obs), expected = as.numeric(sd$exp))
  if (length(groups) == 2) {
    x <- as.integer(group == groups[2])
    cf <- coxph(Surv(time, event) ~ x, ties = "efron")
    s <- summary(cf)
    out$cox <- list(beta = unname(coef(cf)), se = unname(sqrt(vcov(cf))[1, 1]), hr = unname(exp(coef(cf))),
                    lower = s$conf.int[1, "lower .95"], upper = s$conf.int[1, "upper .95"],
                    p = s$coefficients[1, "Pr(>|z|)"], loglik = cf$loglik)
  }
  out
}

fixture <- list(meta = list(r = R.version.string, survival = as.character(packageVersion("survival"))))

# lung: time in days, status 1/2 → 0/1, sex 1 = male, 2 = female.
fixture$lung <- one_set(lung$time, lung$status - 1, lung$sex, c("log", "log-log"),
                        c(100, 200, 365, 500, 730), c(500, max(lung$time)))

# Simulated, seeded: integer months (many ties), three groups, uniform censoring.
set.seed(20261123)
n <- 150
g <- rep(c(1, 2, 3), each = n / 3)
t_ev <- rexp(n, rate = c(0.02, 0.035, 0.05)[g])
t_c <- runif(n, 10, 90)
sim_time <- pmax(1, ceiling(pmin(t_ev, t_c)))
sim_event <- as.integer(t_ev <= t_c)
fixture$sim3 <- one_set(sim_time, sim_event, g, c("log", "plain"), c(6, 12, 24, 36, 60), c(36, 60))
# Two-group subset of the same simulation (groups 1 and 3) for the Cox fit with ties.
keep <- g != 2
fixture$sim2 <- one_set(sim_time[keep], sim_event[keep], g[keep], c("log", "log-log"), c(12, 24, 60), c(60))

# Uncensored n = 20: S = 0.5 only up to round-off after the 10th death → median is a segment midpoint.
fixture$flat <- one_set(c(1:20), rep(1, 20), rep(c(1, 2), 10), c("log"), c(5, 10), c(20))

# A log upper limit that rises again near the end (0.478 at t = 14, 0.495 at t = 15): the median's upper
# confidence limit follows quantile.survfit's rule (15 here), not the first crossing (14).
fixture$rises <- one_set(
  c(3, 9, 13, 4, 7, 9, 10, 2, 4, 4, 4, 12, 4, 14, 9, 1, 10, 4, 16, 12, 15, 12, 14, 10, 3, 10),
  c(1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1),
  c(0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0),
  c("log", "log-log", "plain"), c(5, 10, 15), c(10))

# Random small data sets (seeded): integer times with heavy ties, or continuous times; medians and their CIs for all
# three conf.types, rmean to 10, survdiff chi-square and the Efron Cox fit.
set.seed(7)
fixture$random <- lapply(1:60, function(r) {
  n <- sample(5:60, 1)
  t <- if (r %% 3 == 0) round(rexp(n, 0.1), 2) else sample(1:sample(3:25, 1), n, replace = TRUE)
  e <- rbinom(n, 1, runif(1, 0.3, 1))
  g <- sample(0:1, n, replace = TRUE)
  if (length(unique(g)) < 2) g[1] <- 1 - g[1]
  res <- list(time = t, event = e, group = g)
  for (ct in c("log", "log-log", "plain")) {
    q <- quantile(survfit(Surv(t, e) ~ 1, conf.type = ct), 0.5)
    res[[gsub("-", "", ct)]] <- list(median = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper))
  }
  tab <- summary(survfit(Surv(t, e) ~ 1), rmean = 10)$table
  res$rmean <- list(rmean = unname(tab["rmean"]), se = unname(tab["se(rmean)"]))
  res$chisq <- survdiff(Surv(t, e) ~ g)$chisq
  cf <- tryCatch(coxph(Surv(t, e) ~ g), warning = function(w) NULL, error = function(x) NULL)
  res$cox <- if (is.null(cf)) NULL else list(beta = unname(coef(cf)), se = sqrt(cf$var[1, 1]))
  res
})

# Weibull by least squares of log(-log S) on log t: median 125 months, S(60) = 0.74, S(120) = 0.51.
wt <- c(60, 120, 125); ws <- c(0.74, 0.51, 0.5)
wfit <- lm(log(-log(ws)) ~ log(wt))
k <- unname(coef(wfit)[2]); lambda <- exp(-unname(coef(wfit)[1]) / k)
fixture$weibull <- list(time = wt, surv = ws, shape = k, scale = lambda,
                        s_at = list(time = c(12, 36, 84, 180), surv = exp(-(c(12, 36, 84, 180) / lambda)^k)))

# Pooled S(t): DerSimonian-Laird (metafor rma, method = "DL") on y = log(-log S),
# SE = sqrt((1 - S) / (n S)) / |log S| when only n is known, se(S) / (S |log S|) when se(S) is given.
suppressPackageStartupMessages(library(metafor))
pool_studies <- data.frame(study = c("A", "B", "C", "D"), n = c(40, 85, 23, 120),
                           s = c(0.74, 0.58, 0.81, 0.66), se_s = c(NA, 0.061, NA, NA))
y <- log(-log(pool_studies$s))
se_y <- ifelse(is.na(pool_studies$se_s),
               sqrt((1 - pool_studies$s) / (pool_studies$n * pool_studies$s)) / abs(log(pool_studies$s)),
               pool_studies$se_s / (pool_studies$s * abs(log(pool_studies$s))))
pm <- rma(yi = y, sei = se_y, method = "DL")
back <- function(x) exp(-exp(x))
fixture$pooled <- list(studies = pool_studies$study, n = pool_studies$n, surv = pool_studies$s,
                       se_surv = pool_studies$se_s, yi = y, sei = se_y,
                       mu = unname(pm$b[1]), se = pm$se, tau2 = pm$tau2,
                       pooled_surv = back(unname(pm$b[1])), lower = back(pm$ci.ub), upper = back(pm$ci.lb))

dir.create("test/fixtures", showWarnings = FALSE, recursive = TRUE)
write_json(fixture, "test/fixtures/survival.json", digits = NA, auto_unbox = TRUE, pretty = FALSE, na = "null")
cat("wrote test/fixtures/survival.json\n")
