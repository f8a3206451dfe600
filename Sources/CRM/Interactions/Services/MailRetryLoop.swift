import Vapor

/// Retries due deliveries every minute while the server runs, so a mail server that was down gets the mail later.
enum MailRetryLoop {
    static func start(on app: Application) {
        guard app.config.sendmail != nil else { return }
        let logger = app.logger
        app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(60), delay: .seconds(60)) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    let sent = try await MailDelivery(db: app.db, now: app.clock.now(), config: app.config, threads: app.threadPool).retryDue()
                    if sent > 0 { logger.info("Delivered \(sent) queued email(s)") }
                } catch {
                    logger.error("Retrying queued email failed: \(error)")
                }
            }
        }
    }
}
