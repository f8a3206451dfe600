import CRMCore
import Fluent
import SQLKit
import Vapor

/// What Tasks brings to the others: an interaction's follow-up date becomes a task (moved when the date moves),
/// programmes keep their tasks here, customer cards and deals show their open tasks with *New task*, the home page
/// counts today's, and the reminder job tells people when a task falls due.
extension TasksArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.interactionObservers.append(FollowUps.schedule)
        contributions.jobKinds.append(TaskReminders.kind)
        contributions.taskScheduling = { task, db, now in
            // Set in the assignee's name: the CRM asks them to follow up on their own work.
            guard let assignee = try await User.find(task.assigneeID, on: db), !assignee.isDisabled else { return }
            var input = TaskInput()
            input.title = task.title
            input.notes = task.notes
            input.kind = task.contactID == nil ? TaskKind.todo.rawValue : TaskKind.call.rawValue
            input.dueOn = task.dueOn
            input.accountId = task.accountID
            input.contactId = task.contactID
            _ = try await TaskStore(db: db, actor: assignee, now: now).create(input)
        }
        contributions.programmeTasks = ProgrammeTaskBook.contribution
        contributions.cardSections.append { subject, request in
            let (column, query): (String, String) = switch subject {
            case let .account(id): ("account_id", "account=\(id)")
            case let .contact(id): ("contact_id", "contact=\(id)")
            }
            let tasks = try await TaskRows.open(about: SQLColumn(column), subject.id, limit: 10, on: request.db)
            return [.init(place: .activity, node: section(tasks, newPath: Site.taskNew() + "?" + query))]
        }
        contributions.dealSections.append { dealID, request in
            let tasks = try await TaskRows.open(about: SQLColumn("deal_id"), dealID, limit: 10, on: request.db)
            return [.init(place: .activity, node: section(tasks, newPath: Site.taskNew() + "?deal=\(dealID)"))]
        }
        contributions.homeTiles.append { request in
            let user = try request.user
            let counts = try await MyDay.counts(for: try user.requireID(), timeZone: user.timeZone, now: request.now, on: request.db)
            return [
                .a(.href(Site.myDay()), .class("tile card")) {
                    Node.div(.class("muted")) { "Your tasks today" }
                    Node.div(.class("figure")) { .text(String(counts.today + counts.overdue)) }
                    Node.small(.class(counts.overdue > 0 ? "tag warn" : "muted")) { .text("\(counts.overdue) overdue") }
                },
            ]
        }
    }

    static func section(_ tasks: [TaskDTO], newPath: String) -> Node {
        Node.section(.class("card"), .aria("label", "Open tasks")) {
            Node.div(.class("title-row")) {
                Node.h2 { "Open tasks" }
                Node.a(.href(newPath), .class("button secondary")) { "New task" }
            }
            if tasks.isEmpty { Node.p(.class("muted")) { "No open task." } }
            Node.ul(.class("results")) { for task in tasks { TaskText.line(task, showAssignee: true) } }
        }
    }
}

/// An interaction's *follow up on* date as a task for the person on our side: one task per interaction, its day moved
/// when the date is changed, cancelled when the date is cleared; a task already done is left alone.
enum FollowUps {
    @Sendable static func schedule(_ interaction: Contributions.LoggedInteraction, actor: User, db: any Database) async throws {
        let existing = try await TaskItem.query(on: db).filter(\.$sourceInteractionID == interaction.id).first()
        guard let day = interaction.followUpOn else {
            if let existing, existing.status == TaskStatus.open.rawValue {
                existing.status = TaskStatus.cancelled.rawValue
                existing.version += 1
                try await existing.save(on: db)
            }
            return
        }
        if let existing, existing.status != TaskStatus.open.rawValue, existing.status != TaskStatus.cancelled.rawValue { return }
        let task = existing ?? TaskItem()
        let assigneeID = try interaction.userID ?? actor.requireID()
        guard let assignee = try await User.find(assigneeID, on: db), let date = CalendarDate(day) else { return }
        task.title = "Follow up: " + (interaction.subject ?? InteractionKind(rawValue: interaction.kind).map { $0.rawValue.capitalized } ?? "interaction")
        task.kind = (interaction.contactIDs.isEmpty ? TaskKind.todo : TaskKind.call).rawValue
        task.status = TaskStatus.open.rawValue
        task.dueOn = date.description
        task.dueTime = nil
        task.dueAt = TaskDue(day: date, minuteOfDay: nil, timeZone: TimeZone(identifier: assignee.timeZone) ?? .gmt).instant
        task.remindedAt = nil
        task.$assignee.id = assigneeID
        task.accountID = interaction.accountID
        task.contactID = interaction.contactIDs.first
        task.dealID = interaction.dealID
        task.orderID = interaction.orderID
        task.sourceInteractionID = interaction.id
        task.updatedAt = interaction.at
        if existing == nil {
            task.priority = TaskPriority.normal.rawValue
            task.$createdBy.id = try actor.requireID()
            task.createdAt = task.updatedAt
            task.version = 1
            try await task.create(on: db)
        } else {
            task.version += 1
            try await task.save(on: db)
        }
    }
}
