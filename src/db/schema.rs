//! Hand-written schema using only types both SQLite and PostgreSQL share.
// @generated-free: keep in step with migrations/{sqlite,postgres}.

diesel::table! {
    frameworks (id) {
        id -> BigInt,
        code -> Text,
        title -> Text,
        description -> Text,
        source -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Counters bumped by triggers when what a cached computation reads changes (`network`:
    /// the network overview's tables).
    data_versions (name) {
        name -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    roles (id) {
        id -> BigInt,
        framework_id -> BigInt,
        code -> Text,
        title -> Text,
        preamble -> Text,
        position -> Integer,
    }
}

diesel::table! {
    commitments (id) {
        id -> BigInt,
        framework_id -> BigInt,
        role_id -> BigInt,
        code -> Text,
        text -> Text,
        position -> Integer,
        retired -> Bool,
    }
}

diesel::table! {
    cities (id) {
        id -> BigInt,
        name -> Text,
        country -> Text,
        is_public -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// The city's code in an imported file (unique when set).
        reference -> Nullable<Text>,
    }
}

diesel::table! {
    signatures (city_id, framework_id) {
        city_id -> BigInt,
        framework_id -> BigInt,
        signed_on -> Date,
    }
}

diesel::table! {
    contacts (id) {
        id -> BigInt,
        city_id -> BigInt,
        name -> Text,
        email -> Text,
        language -> Text,
        office_role -> Text,
        receives_reminders -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    plans (id) {
        id -> BigInt,
        city_id -> BigInt,
        framework_id -> BigInt,
        title -> Text,
        period_start -> Date,
        period_end -> Date,
        status -> Text,
        adopted_on -> Nullable<Date>,
        document_url -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// The plan's code in an imported file (unique within the city when set).
        reference -> Nullable<Text>,
    }
}

diesel::table! {
    actions (id) {
        id -> BigInt,
        plan_id -> BigInt,
        commitment_id -> BigInt,
        title -> Text,
        description -> Text,
        department -> Text,
        partners -> Text,
        delivery -> Text,
        policy_areas -> Text,
        start_date -> Nullable<Date>,
        due_date -> Nullable<Date>,
        status -> Text,
        progress -> Integer,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        evidence -> Text,
        /// The action's code in an imported file (unique within the plan when set).
        reference -> Nullable<Text>,
    }
}

diesel::table! {
    /// An uploaded file waiting for its preview to be confirmed.
    pending_imports (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> Nullable<BigInt>,
        kind -> Text,
        plan_id -> Nullable<BigInt>,
        file_name -> Text,
        content -> Binary,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Text,
        role -> Text,
        city_id -> Nullable<BigInt>,
        disabled -> Bool,
        created_at -> Timestamp,
        /// How people see the user (may be empty: the email stands in).
        name -> Text,
        version -> Integer,
        /// The language the person chose for pages (`en`, `fr`, `de`); none: negotiated.
        language -> Nullable<Text>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        label -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    history (id) {
        id -> BigInt,
        object_kind -> Text,
        object_id -> BigInt,
        city_id -> Nullable<BigInt>,
        operation -> Text,
        actor_user_id -> Nullable<BigInt>,
        actor -> Text,
        at -> Timestamp,
        changed -> Text,
        before_state -> Nullable<Text>,
        after_state -> Nullable<Text>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        idempotency_key -> Text,
        message_id -> Text,
        kind -> Text,
        to_address -> Text,
        to_name -> Text,
        language -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        city_id -> Nullable<BigInt>,
        round_id -> Nullable<BigInt>,
        status -> Text,
        attempts -> Integer,
        not_before -> Timestamp,
        claim_token -> Nullable<Text>,
        claim_expires_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rounds (id) {
        id -> BigInt,
        opened_at -> Timestamp,
        period_start -> Date,
        period_end -> Date,
        label -> Text,
        due_at -> Timestamp,
        closes_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    check_ins (id) {
        id -> BigInt,
        round_id -> BigInt,
        city_id -> BigInt,
        state -> Text,
        due_at -> Timestamp,
        extension_reason -> Nullable<Text>,
        extended_by -> Nullable<Text>,
        draft -> Nullable<Text>,
        draft_saved_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        submitted_by -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    check_in_events (id) {
        id -> BigInt,
        check_in_id -> BigInt,
        kind -> Text,
        actor_user_id -> Nullable<BigInt>,
        actor -> Text,
        comment -> Text,
        action_comments -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(check_in_events -> check_ins (check_in_id));

diesel::table! {
    calendar_feeds (id) {
        id -> BigInt,
        city_id -> BigInt,
        token_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(calendar_feeds -> cities (city_id));

diesel::table! {
    verified_ratings (id) {
        id -> BigInt,
        city_id -> BigInt,
        commitment_id -> BigInt,
        level -> Text,
        note -> Text,
        evidence -> Text,
        verified_on -> Date,
        verified_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(verified_ratings -> cities (city_id));
diesel::joinable!(verified_ratings -> commitments (commitment_id));

diesel::table! {
    check_in_links (id) {
        id -> BigInt,
        check_in_id -> BigInt,
        contact_id -> Nullable<BigInt>,
        token_hash -> Text,
        expires_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    action_updates (id) {
        id -> BigInt,
        check_in_id -> BigInt,
        action_id -> BigInt,
        status -> Text,
        progress -> Integer,
        narrative -> Text,
        evidence -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    self_assessments (id) {
        id -> BigInt,
        check_in_id -> BigInt,
        commitment_id -> BigInt,
        level -> Text,
        comment -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    network_settings (key) {
        key -> Text,
        value -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> BigInt,
        email -> Text,
        ip -> Text,
        succeeded -> Bool,
        at -> Timestamp,
    }
}

diesel::table! {
    password_links (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(password_links -> users (user_id));
diesel::joinable!(roles -> frameworks (framework_id));
diesel::joinable!(commitments -> roles (role_id));
diesel::joinable!(plans -> cities (city_id));
diesel::joinable!(actions -> plans (plan_id));
diesel::joinable!(actions -> commitments (commitment_id));
diesel::joinable!(contacts -> cities (city_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(check_ins -> rounds (round_id));
diesel::joinable!(check_ins -> cities (city_id));
diesel::joinable!(check_in_links -> check_ins (check_in_id));
diesel::joinable!(action_updates -> check_ins (check_in_id));
diesel::joinable!(self_assessments -> check_ins (check_in_id));

diesel::allow_tables_to_appear_in_same_query!(
    frameworks,
    roles,
    commitments,
    cities,
    signatures,
    contacts,
    plans,
    actions,
    users,
    api_tokens,
    history,
    outbox,
    rounds,
    check_ins,
    check_in_events,
    calendar_feeds,
    verified_ratings,
    check_in_links,
    action_updates,
    self_assessments,
    network_settings,
    sessions,
    login_attempts,
    password_links,
    city_contexts,
);

diesel::joinable!(outbox -> cities (city_id));

diesel::table! {
    indicators (id) {
        id -> BigInt,
        framework_id -> BigInt,
        code -> Text,
        name -> Text,
        description -> Text,
        unit -> Text,
        currency -> Nullable<Text>,
        commitment_id -> Nullable<BigInt>,
        higher_is_better -> Bool,
        sensitive -> Bool,
        source -> Text,
        position -> Integer,
        retired -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    indicator_values (id) {
        id -> BigInt,
        indicator_id -> BigInt,
        city_id -> BigInt,
        period_start -> Date,
        period_end -> Date,
        value -> Double,
        baseline -> Nullable<Double>,
        target -> Nullable<Double>,
        note -> Text,
        source -> Text,
        check_in_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reports (id) {
        id -> BigInt,
        framework_id -> BigInt,
        period_start -> Date,
        period_end -> Date,
        slug -> Text,
        created_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    report_versions (id) {
        id -> BigInt,
        report_id -> BigInt,
        number -> Integer,
        state -> Text,
        figures -> Text,
        compiled_at -> Timestamp,
        compiled_by -> Text,
        changelog -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        published_by -> Nullable<Text>,
        /// The languages the version's HTML was frozen in, space-separated ("en" before issue 14).
        languages -> Text,
    }
}

diesel::table! {
    report_outputs (version_id, name) {
        version_id -> BigInt,
        name -> Text,
        content_type -> Text,
        body -> Binary,
    }
}

diesel::table! {
    report_good_practices (report_id, action_id) {
        report_id -> BigInt,
        action_id -> BigInt,
        marked_by -> Text,
        marked_at -> Timestamp,
    }
}

diesel::table! {
    report_cycles (framework_id, period_start, period_end) {
        framework_id -> BigInt,
        period_start -> Date,
        period_end -> Date,
        fired_at -> Timestamp,
        report_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(indicators -> frameworks (framework_id));
diesel::joinable!(indicator_values -> indicators (indicator_id));
diesel::joinable!(indicator_values -> cities (city_id));
diesel::joinable!(reports -> frameworks (framework_id));
diesel::joinable!(report_versions -> reports (report_id));
diesel::joinable!(report_outputs -> report_versions (version_id));
diesel::joinable!(report_good_practices -> reports (report_id));
diesel::joinable!(report_good_practices -> actions (action_id));

// Pairs the reports join (one call per pair: a longer list would repeat the pairs above).
diesel::allow_tables_to_appear_in_same_query!(indicators, frameworks);
diesel::allow_tables_to_appear_in_same_query!(indicators, commitments);
diesel::allow_tables_to_appear_in_same_query!(indicators, roles);
diesel::allow_tables_to_appear_in_same_query!(indicator_values, indicators);
diesel::allow_tables_to_appear_in_same_query!(indicator_values, cities);
diesel::allow_tables_to_appear_in_same_query!(indicator_values, frameworks);
diesel::allow_tables_to_appear_in_same_query!(indicator_values, check_ins);
diesel::allow_tables_to_appear_in_same_query!(reports, frameworks);
diesel::allow_tables_to_appear_in_same_query!(report_versions, reports);
diesel::allow_tables_to_appear_in_same_query!(report_versions, frameworks);
diesel::allow_tables_to_appear_in_same_query!(report_outputs, report_versions);
diesel::allow_tables_to_appear_in_same_query!(report_outputs, reports);
diesel::allow_tables_to_appear_in_same_query!(report_good_practices, reports);
diesel::allow_tables_to_appear_in_same_query!(report_good_practices, actions);
diesel::allow_tables_to_appear_in_same_query!(report_good_practices, plans);
diesel::allow_tables_to_appear_in_same_query!(report_good_practices, cities);
diesel::allow_tables_to_appear_in_same_query!(report_good_practices, commitments);

// The report groups actions by a column of their plan and one of their own.
diesel::allow_columns_to_appear_in_same_group_by_clause!(plans::city_id, actions::status, actions::commitment_id);

diesel::table! {
    /// A city's context (population, share born abroad), to compare it with cities like it.
    city_contexts (city_id) {
        city_id -> BigInt,
        population -> Nullable<BigInt>,
        population_year -> Nullable<Integer>,
        born_abroad_percent -> Nullable<Double>,
        born_abroad_year -> Nullable<Integer>,
        source -> Text,
        version -> Integer,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::joinable!(city_contexts -> cities (city_id));
diesel::allow_tables_to_appear_in_same_query!(report_good_practices, report_versions);
// Peer reviews (`peer_reviews`): the review, its reviewing cities and people, the commitments in
// focus with their findings, and recommendations with the host's response.
diesel::table! {
    peer_reviews (id) {
        id -> BigInt,
        host_city_id -> BigInt,
        framework_id -> BigInt,
        state -> Text,
        visit_from -> Nullable<Date>,
        visit_to -> Nullable<Date>,
        report_date -> Nullable<Date>,
        summary -> Text,
        summary_agreed -> Bool,
        summary_agreed_by -> Nullable<Text>,
        summary_agreed_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    peer_review_cities (peer_review_id, city_id) {
        peer_review_id -> BigInt,
        city_id -> BigInt,
    }
}

diesel::table! {
    peer_review_people (id) {
        id -> BigInt,
        peer_review_id -> BigInt,
        position -> Integer,
        name -> Text,
        organisation -> Text,
        city_id -> Nullable<BigInt>,
        role -> Text,
    }
}

diesel::table! {
    peer_review_commitments (peer_review_id, commitment_id) {
        peer_review_id -> BigInt,
        commitment_id -> BigInt,
        findings -> Text,
    }
}

diesel::table! {
    recommendations (id) {
        id -> BigInt,
        peer_review_id -> BigInt,
        commitment_id -> BigInt,
        text -> Text,
        response -> Nullable<Text>,
        response_note -> Text,
        responded_by -> Nullable<Text>,
        responded_at -> Nullable<Timestamp>,
        action_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(peer_reviews -> cities (host_city_id));
diesel::joinable!(peer_reviews -> frameworks (framework_id));
diesel::joinable!(peer_review_cities -> peer_reviews (peer_review_id));
diesel::joinable!(peer_review_people -> peer_reviews (peer_review_id));
diesel::joinable!(peer_review_commitments -> peer_reviews (peer_review_id));
diesel::joinable!(peer_review_commitments -> commitments (commitment_id));
diesel::joinable!(recommendations -> peer_reviews (peer_review_id));
diesel::joinable!(recommendations -> commitments (commitment_id));
diesel::joinable!(recommendations -> actions (action_id));

diesel::allow_tables_to_appear_in_same_query!(peer_reviews, cities);
diesel::allow_tables_to_appear_in_same_query!(peer_reviews, frameworks);
diesel::allow_tables_to_appear_in_same_query!(peer_reviews, peer_review_cities);
diesel::allow_tables_to_appear_in_same_query!(peer_reviews, recommendations);
diesel::allow_tables_to_appear_in_same_query!(peer_review_commitments, commitments);
diesel::allow_tables_to_appear_in_same_query!(recommendations, commitments);
diesel::allow_tables_to_appear_in_same_query!(recommendations, actions);
