# Reference fixture for the Guyot reconstruction tests: the two arms of survival::veteran as a "published figure".
# For each arm: the true KM (survfit) as drop corners, numbers at risk every 100 days, total events, the median,
# S(t) at landmarks, and the coxph (Efron) hazard ratio of arm 2 vs arm 1 on the true IPD.
# Run: Rscript scripts/reference/guyotVeteran.R  → test/fixtures/guyotVeteran.json
suppressMessages({ library(survival); library(jsonlite) })
veteran <- survival::veteran
landmarks <- c(30, 60, 90, 120, 180, 240, 300, 360)
risk_times <- seq(0, 500, by = 100)
arm <- function(k) {
  d <- veteran[veteran$trt == k, ]
  fit <- survfit(Surv(time, status) ~ 1, data = d)
  ev <- fit$n.event > 0
  prev <- c(1, head(fit$surv, -1))
  corners <- data.frame(time = c(0, rep(fit$time[ev], each = 2), max(fit$time)),
                        survival = c(1, as.vector(rbind(prev[ev], fit$surv[ev])), tail(fit$surv, 1)))
  list(
    n = nrow(d), events = sum(d$status),
    median = unname(summary(fit)$table["median"]),
    corners = corners,
    risk = data.frame(time = risk_times, n_risk = sapply(risk_times, function(t) sum(d$time >= t))),
    landmarks = data.frame(time = landmarks, survival = summary(fit, times = landmarks, extend = TRUE)$surv),
    time = d$time, status = d$status
  )
}
cx <- coxph(Surv(time, status) ~ I(trt == 2), data = veteran, ties = "efron")
out <- list(source = "R survival::veteran, survfit + coxph(ties = 'efron')", r_version = R.version.string,
            survival_version = as.character(packageVersion("survival")),
            arm1 = arm(1), arm2 = arm(2), hr = unname(exp(coef(cx))))
write_json(out, "test/fixtures/guyotVeteran.json", digits = NA, auto_unbox = TRUE, dataframe = "columns")
