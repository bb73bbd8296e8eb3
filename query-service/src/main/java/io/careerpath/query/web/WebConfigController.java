package io.careerpath.query.web;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the dashboards where the command API is, so that the pages carry no address of their own. */
@RestController
class WebConfigController {

    private final WebProperties properties;

    WebConfigController(WebProperties properties) {
        this.properties = properties;
    }

    /** @param commandApi base URL of the command API, without a trailing slash */
    record WebConfig(String commandApi) {
    }

    @Operation(summary = "Where the dashboards send recorded events (the command API's base URL)")
    @GetMapping("/api/config")
    ResponseEntity<WebConfig> config() {
        String url = properties.commandApiUrl().replaceAll("/+$", "");
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new WebConfig(url));
    }
}
