package io.microplatform.cache.entry;

import io.microplatform.cache.CacheProperties;
import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import io.microplatform.cache.ring.CacheRing;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The cache endpoints' refusals, before anything reaches Redis. */
@WebMvcTest(CacheEntryController.class)
class CacheEntryControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CacheRing redis;

    /** The slice leaves properties records out; the controller reads its limits from the defaults. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CacheProperties.class)
    static class Limits {
    }

    @Test
    void aTimeToLiveAboveTheMaximumIsRefused() throws Exception {
        mvc.perform(put("/api/cache/entries/k1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\": \"v\", \"ttlSeconds\": 604801}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.detail").value("ttlSeconds: must be at most 604800"));
        verifyNoInteractions(redis);
    }

    @Test
    void aKeyOutsideTheAlphabetOrAnEntryWithoutValueIsRefused() throws Exception {
        mvc.perform(get("/api/cache/entries/a key"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("key"));
        mvc.perform(put("/api/cache/entries/k1").contentType(MediaType.APPLICATION_JSON).content("{\"ttlSeconds\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2));
        verifyNoInteractions(redis);
    }
}
