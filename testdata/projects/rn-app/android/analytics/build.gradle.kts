plugins {
    alias(libs.plugins.android.library)
}

android {
    namespace = "com.example.analytics"
    defaultConfig {
        minSdk = libs.versions.analytics.minSdk.get().toInt()
    }
}
